<?xml version="1.0" encoding="UTF-8"?>
<!--
  A small report stylesheet for tests/faults/run.sh (given to dealc report
  with its stylesheet option): it writes page.html (a list of the deals) and
  deals/ID.html for each deal with exsl:document, and returns the index,
  which dealc saves as index.html. Should dealc hand it the deals in several
  passes (pages = 'summary', then 'deal' once per deal), each pass writes
  its share. Enough pages and bytes to kill a run, or fill a disk, while the
  report is half written.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:dealc:state:1" xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl" exclude-result-prefixes="s">
  <xsl:param name="pages" select="'all'"/>
  <xsl:param name="deal-pages" select="'yes'"/>
  <xsl:output method="html" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:if test="$pages != 'deal'">
      <exsl:document href="page.html" method="html" encoding="UTF-8">
        <html><body><h1>Deals</h1><ul>
          <xsl:for-each select="/s:state/s:deals/s:deal">
            <li><xsl:value-of select="@id"/>: <xsl:value-of select="s:title"/></li>
          </xsl:for-each>
        </ul></body></html>
      </exsl:document>
    </xsl:if>
    <xsl:if test="$pages != 'summary'">
      <xsl:for-each select="/s:state/s:deals/s:deal">
        <exsl:document href="deals/{@id}.html" method="html" encoding="UTF-8">
          <html><body><h1><xsl:value-of select="@id"/></h1>
            <p><xsl:value-of select="s:title"/></p>
            <p>Status <xsl:value-of select="@status"/>, progress <xsl:value-of select="@progress"/>%.</p>
          </body></html>
        </exsl:document>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$pages != 'deal'">
      <html><body>
        <p><xsl:value-of select="count(/s:state/s:deals/s:deal)"/> deals.</p>
        <p><a href="page.html">All deals</a></p>
      </body></html>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
