<?xml version="1.0" encoding="UTF-8"?>
<!--
  The static HTML report of dealc, made from the state document
  (namespace urn:dealc:state:1) that `dealc eval` writes.

  XSLT 1.0 with EXSLT (exsl:document, exsl:node-set, set:distinct). Every page
  is written with exsl:document; the main result is empty (output method text,
  nothing written), so run it as

      xsltproc -\-output OUTDIR/ reports/report.xsl state.xml

  and copy reports/report.css into OUTDIR. See reports/README.md.

  Rules this file keeps (SPEC section 5 and the report contract):
  - nothing here depends on the clock or the environment: the same state gives
    the same bytes;
  - document() is never called, nothing is read but the state document, and
    every page is written to a relative path under OUTDIR (index.html,
    processes/ID.html, deals/ID.html; ids are NCNames, so never '..' or '/');
  - every value from the input goes out as XSLT text or attribute output,
    escaped by the serializer; no disable-output-escaping, no markup built
    from input text; a file link becomes <a href> only for https:// hrefs;
  - amounts are decimal text, formatted and summed by string manipulation
    (never number(): they exceed double precision);
  - scale: the index and process pages read only the attributes and the
    title of each /state/deals/deal, and never count the deals: every total
    comes from the statistics and the inputs, every list of deals is sorted
    and cut to its limit. A deal page reads only that deal, the process
    definitions, the team, the statistics and the as-of date. So dealc feeds
    the overview pages the deals the lists show (and those the shown
    diagnostics and files point at), each deal page that deal alone, and
    gets the same bytes as from the whole state.

  Parameters:
    pages       'all' (default): every page; 'summary': index and process
                pages only; 'deal': deal pages only.
    deal-pages  'yes' (default); 'no': no deal pages are written and the
                names of deals are plain text instead of links.
    list-limit  the longest list of deals, of files and of diagnostics a
                page shows (default 200), each with how many there are in all.
    closed-limit  the recently closed deals a process page shows (default 6).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:dealc:state:1"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="s exsl set">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="pages" select="'all'"/>
  <xsl:param name="deal-pages" select="'yes'"/>
  <!-- dealc passes its own values (compiler/report.h); these defaults are the same. -->
  <xsl:param name="list-limit" select="200"/>
  <xsl:param name="closed-limit" select="6"/>

  <xsl:variable name="as-of" select="/s:state/@as-of"/>
  <xsl:variable name="links" select="$deal-pages = 'yes'"/>
  <xsl:variable name="nbsp" select="'&#160;'"/>
  <xsl:variable name="zeros" select="'00000000000000000000000000000000000000000000000000'"/>
  <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>

  <xsl:key name="user" match="s:team/s:user" use="@id"/>
  <xsl:key name="process" match="s:processes/s:process" use="@id"/>
  <xsl:key name="stats" match="s:statistics/s:process-statistics" use="@ref"/>
  <xsl:key name="stage-def" match="s:processes/s:process/s:stages/s:stage"
           use="concat(../../@id, ' ', @id)"/>
  <xsl:key name="step-def" match="s:processes/s:process/s:stages/s:stage/s:steps/s:step"
           use="concat(../../../../@id, ' ', @id)"/>
  <xsl:key name="deal" match="s:deals/s:deal" use="@id"/>
  <xsl:key name="process-file" match="s:processes/s:process" use="@file"/>
  <xsl:key name="deals-of" match="s:deals/s:deal" use="@process"/>
  <xsl:key name="deal-places" match="s:deals/s:deal | s:ignored/s:ignored-deal" use="@file"/>
  <xsl:key name="deals-in-file" match="s:deals/s:deal" use="@file"/>
  <xsl:key name="deal-at" match="s:deals/s:deal | s:ignored/s:ignored-deal" use="concat(@file, ':', @line)"/>
  <xsl:key name="input" match="s:inputs/s:input" use="@path"/>

  <!-- ================================================================ -->
  <!-- Entry point                                                       -->
  <!-- ================================================================ -->

  <xsl:template match="/">
    <xsl:if test="not($pages = 'all' or $pages = 'summary' or $pages = 'deal')">
      <xsl:message terminate="yes">report.xsl: the parameter pages must be 'all', 'summary' or 'deal'</xsl:message>
    </xsl:if>
    <xsl:if test="not($deal-pages = 'yes' or $deal-pages = 'no')">
      <xsl:message terminate="yes">report.xsl: the parameter deal-pages must be 'yes' or 'no'</xsl:message>
    </xsl:if>
    <xsl:if test="not(s:state)">
      <xsl:message terminate="yes">report.xsl: the input is not a dealc state document (urn:dealc:state:1)</xsl:message>
    </xsl:if>
    <xsl:if test="$pages = 'all' or $pages = 'summary'">
      <xsl:apply-templates select="s:state" mode="index-page"/>
      <xsl:apply-templates select="s:state/s:processes/s:process" mode="process-page"/>
    </xsl:if>
    <xsl:if test="($pages = 'all' or $pages = 'deal') and $links">
      <xsl:apply-templates select="s:state/s:deals/s:deal" mode="deal-page"/>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Page frame                                                        -->
  <!-- ================================================================ -->

  <xsl:template name="head">
    <xsl:param name="title"/>
    <xsl:param name="root"/>
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="generator" content="dealc report.xsl"/>
      <title><xsl:value-of select="$title"/></title>
      <link rel="stylesheet" href="{$root}report.css"/>
    </head>
  </xsl:template>

  <xsl:template name="topbar">
    <xsl:param name="root"/>
    <header class="topbar">
      <div class="wrap topbar-inner">
        <a class="brand" href="{$root}index.html">
          <svg class="brand-mark" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
            <rect x="1" y="3" width="20" height="4" rx="2" fill="#60a5fa"/>
            <rect x="4" y="9" width="14" height="4" rx="2" fill="#93c5fd"/>
            <rect x="7" y="15" width="8" height="4" rx="2" fill="#bfdbfe"/>
          </svg>
          <span>Sales report</span>
        </a>
        <span class="topbar-asof">Figures as of <xsl:call-template name="date">
            <xsl:with-param name="iso" select="$as-of"/>
          </xsl:call-template></span>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:param name="what"/>
    <footer class="wrap footer">
      <p>
        <xsl:value-of select="$what"/>
        <xsl:text> Figures as of </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="$as-of"/></xsl:call-template>
        <xsl:text>. Made by dealc from the files in the repository; amounts are never converted between currencies.</xsl:text>
      </p>
    </footer>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Index                                                             -->
  <!-- ================================================================ -->

  <!-- The deals needing attention: blocked (open, and an obligatory step not
       done), rotting, or with rule breaks of their own. -->
  <xsl:variable name="attention"
      select="/s:state/s:deals/s:deal[(@status = 'open' and @can-win = 'false') or @rotting = 'true' or @errors &gt; 0]"/>
  <!-- How many there are in all, from the statistics: the document may hold
       only the deals the lists show (see "scale" above). A state written by
       an earlier dealc has no such totals: its deals are all there, so they
       are counted. -->
  <xsl:variable name="statistics" select="/s:state/s:statistics/s:process-statistics"/>
  <xsl:variable name="totals" select="not($statistics[not(@attention)])"/>
  <xsl:variable name="attention-count">
    <xsl:choose>
      <xsl:when test="$totals"><xsl:value-of select="sum($statistics/@attention)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($attention)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="with-errors-count">
    <xsl:choose>
      <xsl:when test="$totals"><xsl:value-of select="sum($statistics/@with-errors)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($attention[@errors &gt; 0])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="rotting-count">
    <xsl:choose>
      <xsl:when test="$totals"><xsl:value-of select="sum($statistics/@rotting)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($attention[@rotting = 'true'])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="blocked-count">
    <xsl:choose>
      <xsl:when test="$totals"><xsl:value-of select="sum($statistics/@blocked)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($attention[@status = 'open' and @can-win = 'false'])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="s:state" mode="index-page">
    <xsl:variable name="stats" select="s:statistics/s:process-statistics"/>
    <xsl:variable name="open" select="sum($stats/@open)"/>
    <xsl:variable name="won" select="sum($stats/@won)"/>
    <xsl:variable name="lost" select="sum($stats/@lost)"/>
    <xsl:variable name="all-amounts" select="$stats/s:stages/s:stage/s:open-amounts/s:sum"/>
    <exsl:document href="index.html" method="html" encoding="UTF-8" indent="yes"
                   doctype-system="about:legacy-compat">
      <html lang="en">
        <xsl:call-template name="head">
          <xsl:with-param name="title">Sales report · <xsl:call-template name="date"><xsl:with-param name="iso" select="$as-of"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="root" select="''"/>
        </xsl:call-template>
        <body class="page-index">
          <xsl:call-template name="topbar"><xsl:with-param name="root" select="''"/></xsl:call-template>
          <main class="wrap">
            <div class="page-head">
              <h1>Sales pipeline</h1>
              <p class="lede">
                <xsl:value-of select="count(s:processes/s:process)"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="plural">
                  <xsl:with-param name="n" select="count(s:processes/s:process)"/>
                  <xsl:with-param name="one" select="'process'"/>
                  <xsl:with-param name="many" select="'processes'"/>
                </xsl:call-template>
                <xsl:text> · </xsl:text>
                <xsl:value-of select="format-number($open + $won + $lost, '#,##0')"/>
                <xsl:text> deals evaluated · figures as of </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="iso" select="$as-of"/></xsl:call-template>
              </p>
            </div>

            <section class="kpis" aria-label="Summary">
              <div class="kpi kpi-open">
                <div class="kpi-label">Open deals</div>
                <div class="kpi-value"><xsl:value-of select="format-number($open, '#,##0')"/></div>
                <div class="kpi-sub">
                  <xsl:value-of select="format-number($won, '#,##0')"/>
                  <xsl:text> won · </xsl:text>
                  <xsl:value-of select="format-number($lost, '#,##0')"/>
                  <xsl:text> lost</xsl:text>
                </div>
              </div>
              <div class="kpi">
                <div class="kpi-label">Open pipeline</div>
                <xsl:call-template name="currency-totals">
                  <xsl:with-param name="amounts" select="$all-amounts"/>
                  <xsl:with-param name="field" select="'amount'"/>
                  <xsl:with-param name="class" select="'kpi-money'"/>
                </xsl:call-template>
              </div>
              <div class="kpi">
                <div class="kpi-label">Weighted pipeline</div>
                <xsl:call-template name="currency-totals">
                  <xsl:with-param name="amounts" select="$all-amounts"/>
                  <xsl:with-param name="field" select="'weighted-amount'"/>
                  <xsl:with-param name="class" select="'kpi-money'"/>
                </xsl:call-template>
                <div class="kpi-sub">amount × progress</div>
              </div>
              <div class="kpi kpi-won">
                <div class="kpi-label">Win rate</div>
                <div class="kpi-value">
                  <xsl:choose>
                    <xsl:when test="$won + $lost &gt; 0">
                      <xsl:value-of select="format-number(100 * $won div ($won + $lost), '0.#')"/>
                      <xsl:text>%</xsl:text>
                    </xsl:when>
                    <xsl:otherwise>—</xsl:otherwise>
                  </xsl:choose>
                </div>
                <div class="kpi-sub"><xsl:value-of select="format-number($won, '#,##0')"/> of <xsl:value-of select="format-number($won + $lost, '#,##0')"/> closed deals</div>
              </div>
              <div class="kpi kpi-attention">
                <div class="kpi-label">Need attention</div>
                <div class="kpi-value"><xsl:value-of select="format-number($attention-count, '#,##0')"/></div>
                <div class="kpi-sub"><a href="#attention">See the list</a></div>
              </div>
              <div>
                <xsl:attribute name="class">
                  <xsl:text>kpi </xsl:text>
                  <xsl:choose>
                    <xsl:when test="s:summary/@errors &gt; 0">kpi-error</xsl:when>
                    <xsl:when test="s:summary/@warnings &gt; 0">kpi-warning</xsl:when>
                    <xsl:otherwise>kpi-ok</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <div class="kpi-label">Rule checks</div>
                <div class="kpi-value">
                  <xsl:choose>
                    <xsl:when test="s:summary/@errors + s:summary/@warnings = 0">Clean</xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="s:summary/@errors"/>
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="plural">
                        <xsl:with-param name="n" select="s:summary/@errors"/>
                        <xsl:with-param name="one" select="'error'"/>
                        <xsl:with-param name="many" select="'errors'"/>
                      </xsl:call-template>
                    </xsl:otherwise>
                  </xsl:choose>
                </div>
                <div class="kpi-sub">
                  <xsl:value-of select="s:summary/@warnings"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="plural">
                    <xsl:with-param name="n" select="s:summary/@warnings"/>
                    <xsl:with-param name="one" select="'warning'"/>
                    <xsl:with-param name="many" select="'warnings'"/>
                  </xsl:call-template>
                  <xsl:text> · </xsl:text>
                  <a href="#diagnostics">Details</a>
                </div>
              </div>
            </section>

            <section class="section" id="processes" aria-labelledby="processes-h">
              <h2 id="processes-h">Processes</h2>
              <xsl:if test="not(s:processes/s:process)">
                <p class="notice">No process is defined yet: add one under processes/ and run the report again.</p>
              </xsl:if>
              <div class="cards">
                <xsl:for-each select="s:processes/s:process">
                  <xsl:sort select="key('stats', @id)/@deals" data-type="number" order="descending"/>
                  <xsl:sort select="@name"/>
                  <xsl:sort select="@id"/>
                  <xsl:call-template name="process-card"/>
                </xsl:for-each>
              </div>
            </section>

            <xsl:call-template name="attention-section"/>

            <xsl:call-template name="run-diagnostics"/>
          </main>
          <xsl:call-template name="footer">
            <xsl:with-param name="what" select="concat('Generated by ', @generator, '.')"/>
          </xsl:call-template>
        </body>
      </html>
    </exsl:document>
  </xsl:template>

  <xsl:template name="process-card">
    <xsl:variable name="st" select="key('stats', @id)"/>
    <xsl:variable name="amounts" select="$st/s:stages/s:stage/s:open-amounts/s:sum"/>
    <article class="card process-card" id="process-{@id}">
      <header class="card-head">
        <h3>
          <a href="processes/{@id}.html"><xsl:value-of select="@name"/></a>
        </h3>
        <span class="muted small nowrap">
          <xsl:value-of select="count(s:stages/s:stage)"/>
          <xsl:text> </xsl:text>
          <xsl:call-template name="plural">
            <xsl:with-param name="n" select="count(s:stages/s:stage)"/>
            <xsl:with-param name="one" select="'stage'"/>
            <xsl:with-param name="many" select="'stages'"/>
          </xsl:call-template>
          <xsl:if test="@currency"> · <xsl:value-of select="@currency"/></xsl:if>
        </span>
      </header>
      <xsl:call-template name="status-bar">
        <xsl:with-param name="open" select="number($st/@open)"/>
        <xsl:with-param name="won" select="number($st/@won)"/>
        <xsl:with-param name="lost" select="number($st/@lost)"/>
        <xsl:with-param name="label" select="@name"/>
      </xsl:call-template>
      <dl class="facts">
        <div class="fact">
          <dt>Open deals</dt>
          <dd class="big"><xsl:value-of select="format-number($st/@open, '#,##0')"/></dd>
        </div>
        <div class="fact">
          <dt>Win rate</dt>
          <dd class="big">
            <xsl:call-template name="percent"><xsl:with-param name="value" select="$st/@win-rate"/></xsl:call-template>
          </dd>
        </div>
        <div class="fact">
          <dt>Avg. to win</dt>
          <dd class="big">
            <xsl:call-template name="days-figure"><xsl:with-param name="value" select="$st/@average-days-to-win"/></xsl:call-template>
          </dd>
        </div>
      </dl>
      <xsl:call-template name="money-table">
        <xsl:with-param name="open" select="$amounts"/>
        <xsl:with-param name="won" select="$st/s:owners/s:owner/s:won-amounts/s:sum"/>
      </xsl:call-template>
      <p class="card-foot">
        <a class="button" href="processes/{@id}.html">Funnel, stages and owners<span aria-hidden="true"> →</span></a>
      </p>
    </article>
  </xsl:template>

  <!-- Open, weighted and won amounts of a process, a row per currency. -->
  <xsl:template name="money-table">
    <xsl:param name="open"/>
    <xsl:param name="won"/>
    <xsl:choose>
      <xsl:when test="not($open | $won)">
        <p class="muted small money-none">No amounts yet.</p>
      </xsl:when>
      <xsl:otherwise>
        <table class="money-table">
          <thead>
            <tr>
              <th scope="col"><span class="sr-only">Currency</span></th>
              <th scope="col">Open</th>
              <th scope="col">Weighted</th>
              <th scope="col">Won</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="set:distinct(($open | $won)/@currency)">
              <xsl:sort select="."/>
              <xsl:variable name="c" select="string(.)"/>
              <tr>
                <th scope="row"><xsl:value-of select="$c"/></th>
                <td>
                  <xsl:call-template name="currency-sum">
                    <xsl:with-param name="amounts" select="$open[@currency = $c]"/>
                    <xsl:with-param name="field" select="'amount'"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:call-template name="currency-sum">
                    <xsl:with-param name="amounts" select="$open[@currency = $c]"/>
                    <xsl:with-param name="field" select="'weighted-amount'"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:call-template name="currency-sum">
                    <xsl:with-param name="amounts" select="$won[@currency = $c]"/>
                    <xsl:with-param name="field" select="'amount'"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="attention-section">
    <section class="section" id="attention" aria-labelledby="attention-h">
      <h2 id="attention-h">Deals needing attention</h2>
      <xsl:choose>
        <xsl:when test="not($attention)">
          <p class="notice notice-ok">No deal needs attention: nothing is blocked, rotting or breaking a rule.</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="section-intro">
            <xsl:if test="$with-errors-count &gt; 0">
              <span class="chip chip-error"><xsl:value-of select="format-number($with-errors-count, '#,##0')"/> with rule breaks</span>
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:if test="$rotting-count &gt; 0">
              <span class="chip chip-rotting"><xsl:value-of select="format-number($rotting-count, '#,##0')"/> rotting</span>
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:if test="$blocked-count &gt; 0">
              <span class="chip chip-blocked"><xsl:value-of select="format-number($blocked-count, '#,##0')"/> blocked</span>
            </xsl:if>
            <span class="muted small"> Blocked: open, and an obligatory step is not done yet, so it cannot be won. Rotting: no activity for longer than its stage allows.</span>
          </p>
          <div class="table-wrap">
            <table class="data stackable">
              <thead>
                <tr>
                  <th scope="col">Deal</th>
                  <th scope="col">Why</th>
                  <th scope="col">Process · stage</th>
                  <th scope="col">Owner</th>
                  <th scope="col" class="num">Amount</th>
                  <th scope="col">Progress</th>
                  <th scope="col" class="num">Idle</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$attention">
                  <xsl:sort select="number(@errors &gt; 0)" data-type="number" order="descending"/>
                  <xsl:sort select="number(@rotting = 'true')" data-type="number" order="descending"/>
                  <xsl:sort select="@idle-days" data-type="number" order="descending"/>
                  <xsl:sort select="@id"/>
                  <xsl:if test="position() &lt;= $list-limit">
                    <xsl:call-template name="attention-row"/>
                  </xsl:if>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:call-template name="shown-of">
            <xsl:with-param name="total" select="$attention-count"/>
            <xsl:with-param name="what" select="'deals needing attention, the most urgent first'"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="attention-row">
                  <tr>
                    <td class="deal-cell">
                      <xsl:call-template name="deal-link"><xsl:with-param name="root" select="''"/></xsl:call-template>
                    </td>
                    <td class="chips" data-label="Why">
                      <xsl:if test="@errors &gt; 0">
                        <span class="chip chip-error">
                          <xsl:value-of select="@errors"/>
                          <xsl:text> rule </xsl:text>
                          <xsl:call-template name="plural">
                            <xsl:with-param name="n" select="@errors"/>
                            <xsl:with-param name="one" select="'break'"/>
                            <xsl:with-param name="many" select="'breaks'"/>
                          </xsl:call-template>
                        </span>
                        <xsl:text> </xsl:text>
                      </xsl:if>
                      <xsl:if test="@rotting = 'true'"><span class="chip chip-rotting">Rotting</span><xsl:text> </xsl:text></xsl:if>
                      <xsl:if test="@status = 'open' and @can-win = 'false'"><span class="chip chip-blocked">Blocked</span><xsl:text> </xsl:text></xsl:if>
                      <xsl:if test="@status != 'open'">
                        <xsl:call-template name="status-chip"/>
                      </xsl:if>
                    </td>
                    <td data-label="Process">
                      <a href="processes/{@process}.html"><xsl:value-of select="key('process', @process)/@name"/></a>
                      <xsl:text> </xsl:text><span class="sub"><xsl:call-template name="stage-name"/></span>
                    </td>
                    <td data-label="Owner"><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template></td>
                    <td class="num nowrap" data-label="Amount"><xsl:call-template name="deal-amount"/></td>
                    <td class="progress-cell" data-label="Progress"><xsl:call-template name="mini-progress"/></td>
                    <td class="num nowrap" data-label="Idle"><xsl:call-template name="idle"/></td>
                  </tr>
  </xsl:template>

  <xsl:template name="run-diagnostics">
    <section class="section" id="diagnostics" aria-labelledby="diagnostics-h">
      <h2 id="diagnostics-h">Rule checks of this run</h2>
      <dl class="run-facts">
        <div><dt>Files read</dt><dd><xsl:value-of select="format-number(s:summary/@files, '#,##0')"/></dd></div>
        <div><dt>Deals found</dt><dd><xsl:value-of select="format-number(s:summary/@deals, '#,##0')"/></dd></div>
        <div><dt>Deals evaluated</dt><dd><xsl:value-of select="format-number(s:summary/@evaluated, '#,##0')"/></dd></div>
        <div><dt>Errors</dt><dd><xsl:value-of select="format-number(s:summary/@errors, '#,##0')"/></dd></div>
        <div><dt>Warnings</dt><dd><xsl:value-of select="format-number(s:summary/@warnings, '#,##0')"/></dd></div>
      </dl>
      <xsl:variable name="troubled" select="s:inputs/s:input[@errors &gt; 0 or @warnings &gt; 0 or @status = 'refused' or @status = 'unreadable']"/>
      <xsl:choose>
        <xsl:when test="s:summary/@errors + s:summary/@warnings = 0 and not(s:diagnostics/s:diagnostic) and not($troubled)">
          <p class="notice notice-ok">Every file follows the rules: no error, no warning.</p>
        </xsl:when>
        <xsl:when test="$troubled">
          <h3 id="files">Files with problems</h3>
          <div class="table-wrap">
            <table class="data stackable files-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Holds</th>
                  <th scope="col" class="num">Errors</th>
                  <th scope="col" class="num">Warnings</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$troubled[position() &lt;= $list-limit]">
                  <tr>
                    <td class="loc-cell">
                      <span class="loc"><xsl:value-of select="@path"/></span>
                      <xsl:if test="@status = 'refused' or @status = 'unreadable'">
                        <xsl:text> </xsl:text>
                        <span class="chip chip-error chip-sm"><xsl:value-of select="@status"/></span>
                      </xsl:if>
                    </td>
                    <td data-label="Holds">
                      <xsl:variable name="procs" select="key('process-file', @path)"/>
                      <!-- an earlier dealc's state has no @deals, and all its deals -->
                      <xsl:variable name="held">
                        <xsl:choose>
                          <xsl:when test="@deals"><xsl:value-of select="@deals"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="count(key('deals-in-file', @path))"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:variable>
                      <xsl:choose>
                        <xsl:when test="$held = 1">
                          <xsl:for-each select="key('deals-in-file', @path)"><xsl:call-template name="deal-link"><xsl:with-param name="root" select="''"/></xsl:call-template></xsl:for-each>
                        </xsl:when>
                        <xsl:when test="$held &gt; 1">
                          <xsl:value-of select="format-number($held, '#,##0')"/> deals
                        </xsl:when>
                        <xsl:when test="$procs">
                          <xsl:for-each select="$procs"><a href="processes/{@id}.html"><xsl:value-of select="@name"/></a></xsl:for-each>
                        </xsl:when>
                        <xsl:otherwise>
                          <span class="muted">
                            <xsl:choose>
                              <xsl:when test="@kind = 'other'">not a dealc document</xsl:when>
                              <xsl:otherwise><xsl:value-of select="@kind"/> document, not loaded</xsl:otherwise>
                            </xsl:choose>
                          </span>
                        </xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td class="num" data-label="Errors">
                      <xsl:if test="@errors &gt; 0"><xsl:attribute name="class">num sev-text-error strong</xsl:attribute></xsl:if>
                      <xsl:value-of select="@errors"/>
                    </td>
                    <td class="num" data-label="Warnings">
                      <xsl:if test="@warnings &gt; 0"><xsl:attribute name="class">num sev-text-warning strong</xsl:attribute></xsl:if>
                      <xsl:value-of select="@warnings"/>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:call-template name="shown-of">
            <xsl:with-param name="total" select="count($troubled)"/>
            <xsl:with-param name="what" select="'files with problems, in the order of their paths'"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="s:diagnostics/s:diagnostic">
        <h3 id="run-diagnostics">Problems outside the deals</h3>
        <p class="section-intro">Files that could not be used, and rules broken by the team and process definitions. A deal's own rule breaks are on its page.</p>
          <xsl:call-template name="diagnostics-table">
            <xsl:with-param name="diags" select="s:diagnostics/s:diagnostic[position() &lt;= $list-limit]"/>
            <xsl:with-param name="root" select="''"/>
            <xsl:with-param name="link-deals" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="shown-of">
            <xsl:with-param name="total">
              <xsl:choose>
                <xsl:when test="s:summary/@run-diagnostics"><xsl:value-of select="s:summary/@run-diagnostics"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="count(s:diagnostics/s:diagnostic)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="what" select="'problems outside the deals; dealc check lists every one'"/>
          </xsl:call-template>
      </xsl:if>
      <xsl:if test="s:ignored/s:ignored-deal">
        <h3 id="ignored">Deals left out of the figures</h3>
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr><th scope="col">Deal</th><th scope="col">Why</th><th scope="col">Where</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="s:ignored/s:ignored-deal[position() &lt;= $list-limit]">
                <tr>
                  <td><code><xsl:value-of select="@id"/></code></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@reason = 'duplicate-id'">Its id is already used by another deal</xsl:when>
                      <xsl:when test="@reason = 'unknown-process'">It follows a process that is not defined</xsl:when>
                      <xsl:otherwise><xsl:value-of select="@reason"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text> </xsl:text>
                    <span class="code-tag"><xsl:value-of select="@reason"/></span>
                  </td>
                  <td class="loc"><xsl:call-template name="place"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="shown-of">
          <xsl:with-param name="total" select="count(s:ignored/s:ignored-deal)"/>
          <xsl:with-param name="what" select="'deals left out'"/>
        </xsl:call-template>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="diagnostics-table">
    <xsl:param name="diags"/>
    <xsl:param name="root"/>
    <xsl:param name="link-deals" select="false()"/>
    <ul class="diags">
      <xsl:for-each select="$diags">
        <li class="diag diag-{@severity}">
          <div class="diag-head">
            <span class="sev sev-{@severity}"><xsl:value-of select="@severity"/></span>
            <span class="code-tag"><xsl:value-of select="@code"/></span>
            <span class="loc"><xsl:call-template name="place"/></span>
            <xsl:if test="$link-deals">
              <xsl:for-each select="key('process-file', @file)">
                <span class="diag-deal">
                  <xsl:text>in </xsl:text>
                  <a href="{$root}processes/{@id}.html"><xsl:value-of select="@name"/></a>
                </span>
              </xsl:for-each>
            </xsl:if>
            <xsl:if test="$link-deals and @line">
              <xsl:call-template name="deal-of-diagnostic">
                <xsl:with-param name="root" select="$root"/>
              </xsl:call-template>
            </xsl:if>
          </div>
          <p class="diag-msg"><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:message)"/></xsl:call-template></p>
          <xsl:if test="s:notes/s:note">
            <ul class="diag-notes">
              <xsl:for-each select="s:notes/s:note">
                <li>
                  <span class="sev sev-note">note</span>
                  <span class="loc"><xsl:call-template name="place"/></span>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="text"><xsl:with-param name="value" select="string(s:message)"/></xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The evaluated deal whose element holds the context diagnostic: the one
       starting on its line, else, in a single-deal document, that deal (a
       bulk file is not searched, to stay linear on big exports), as a link. -->
  <xsl:template name="deal-of-diagnostic">
    <xsl:param name="root" select="''"/>
    <xsl:variable name="line" select="number(@line)"/>
    <xsl:variable name="at" select="key('deal-at', concat(@file, ':', @line))"/>
    <xsl:variable name="deal-rtf">
      <xsl:choose>
        <xsl:when test="$at">
          <xsl:if test="$at[1]/self::s:deal"><xsl:value-of select="$at[1]/@id"/></xsl:if>
        </xsl:when>
        <xsl:when test="key('input', @file)/@kind = 'deal'">
          <xsl:for-each select="key('deal-places', @file)[number(@line) &lt;= $line]">
            <xsl:sort select="@line" data-type="number" order="descending"/>
            <xsl:if test="position() = 1 and self::s:deal"><xsl:value-of select="@id"/></xsl:if>
          </xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="deal" select="string($deal-rtf)"/>
    <xsl:for-each select="key('deal', $deal)">
      <span class="diag-deal">
        <xsl:text>in </xsl:text>
        <xsl:call-template name="deal-link"><xsl:with-param name="root" select="$root"/></xsl:call-template>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- file:line:column of the context element -->
  <xsl:template name="place">
    <xsl:value-of select="@file"/>
    <xsl:if test="@line">:<xsl:value-of select="@line"/></xsl:if>
    <xsl:if test="@column">:<xsl:value-of select="@column"/></xsl:if>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Process page                                                      -->
  <!-- ================================================================ -->

  <xsl:template match="s:process" mode="process-page">
    <xsl:variable name="p" select="."/>
    <xsl:variable name="st" select="key('stats', @id)"/>
    <xsl:variable name="deals" select="key('deals-of', @id)"/>
    <xsl:variable name="amounts" select="$st/s:stages/s:stage/s:open-amounts/s:sum"/>
    <exsl:document href="processes/{@id}.html" method="html" encoding="UTF-8" indent="yes"
                   doctype-system="about:legacy-compat">
      <html lang="en">
        <xsl:call-template name="head">
          <xsl:with-param name="title" select="concat(@name, ' · Sales report')"/>
          <xsl:with-param name="root" select="'../'"/>
        </xsl:call-template>
        <body class="page-process">
          <xsl:call-template name="topbar"><xsl:with-param name="root" select="'../'"/></xsl:call-template>
          <main class="wrap">
            <nav class="crumbs" aria-label="Breadcrumb">
              <a href="../index.html">Pipeline</a>
              <span aria-hidden="true"> / </span>
              <span aria-current="page"><xsl:value-of select="@name"/></span>
            </nav>
            <div class="page-head">
              <h1><xsl:value-of select="@name"/></h1>
              <p class="lede">
                <span class="mono"><xsl:value-of select="@id"/></span>
                <xsl:if test="@currency"> · default currency <xsl:value-of select="@currency"/></xsl:if>
                <xsl:text> · </xsl:text>
                <xsl:value-of select="count(s:stages/s:stage)"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="plural">
                  <xsl:with-param name="n" select="count(s:stages/s:stage)"/>
                  <xsl:with-param name="one" select="'stage'"/>
                  <xsl:with-param name="many" select="'stages'"/>
                </xsl:call-template>
                <xsl:text>, </xsl:text>
                <xsl:value-of select="count(s:stages/s:stage/s:steps/s:step)"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="plural">
                  <xsl:with-param name="n" select="count(s:stages/s:stage/s:steps/s:step)"/>
                  <xsl:with-param name="one" select="'step'"/>
                  <xsl:with-param name="many" select="'steps'"/>
                </xsl:call-template>
              </p>
              <xsl:if test="s:description">
                <p class="description"><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:description)"/></xsl:call-template></p>
              </xsl:if>
            </div>

            <section class="kpis" aria-label="Key figures">
              <div class="kpi kpi-open">
                <div class="kpi-label">Open deals</div>
                <div class="kpi-value"><xsl:value-of select="format-number($st/@open, '#,##0')"/></div>
                <div class="kpi-sub"><xsl:value-of select="format-number($st/@deals, '#,##0')"/> deals in all</div>
              </div>
              <div class="kpi">
                <div class="kpi-label">Open amount</div>
                <xsl:call-template name="currency-totals">
                  <xsl:with-param name="amounts" select="$amounts"/>
                  <xsl:with-param name="field" select="'amount'"/>
                  <xsl:with-param name="class" select="'kpi-money'"/>
                </xsl:call-template>
              </div>
              <div class="kpi">
                <div class="kpi-label">Weighted pipeline</div>
                <xsl:call-template name="currency-totals">
                  <xsl:with-param name="amounts" select="$amounts"/>
                  <xsl:with-param name="field" select="'weighted-amount'"/>
                  <xsl:with-param name="class" select="'kpi-money'"/>
                </xsl:call-template>
              </div>
              <div class="kpi kpi-won">
                <div class="kpi-label">Win rate</div>
                <div class="kpi-value"><xsl:call-template name="percent"><xsl:with-param name="value" select="$st/@win-rate"/></xsl:call-template></div>
                <div class="kpi-sub"><xsl:value-of select="$st/@won"/> won · <xsl:value-of select="$st/@lost"/> lost</div>
              </div>
              <div class="kpi">
                <div class="kpi-label">Avg. days to win</div>
                <div class="kpi-value"><xsl:call-template name="days-figure"><xsl:with-param name="value" select="$st/@average-days-to-win"/></xsl:call-template></div>
                <div class="kpi-sub">from created to won</div>
              </div>
              <div class="kpi">
                <div class="kpi-label">Won amount</div>
                <xsl:call-template name="currency-totals">
                  <xsl:with-param name="amounts" select="$st/s:owners/s:owner/s:won-amounts/s:sum"/>
                  <xsl:with-param name="field" select="'amount'"/>
                  <xsl:with-param name="class" select="'kpi-money'"/>
                </xsl:call-template>
              </div>
            </section>

            <div class="grid-2">
              <section class="card" id="funnel" aria-labelledby="funnel-h">
                <h2 id="funnel-h">Funnel</h2>
                <p class="card-intro">Deals that reached each stage, and the share that moved on.</p>
                <xsl:call-template name="funnel">
                  <xsl:with-param name="p" select="$p"/>
                  <xsl:with-param name="st" select="$st"/>
                </xsl:call-template>
              </section>
              <section class="card" id="blocking" aria-labelledby="blocking-h">
                <h2 id="blocking-h">Steps blocking most deals</h2>
                <p class="card-intro">Obligatory steps not done yet in open deals: nobody can win those deals until they are.</p>
                <xsl:call-template name="blocking-steps">
                  <xsl:with-param name="p" select="$p"/>
                  <xsl:with-param name="st" select="$st"/>
                </xsl:call-template>
              </section>
            </div>

            <section class="section" id="stages" aria-labelledby="stages-h">
              <h2 id="stages-h">Stages</h2>
              <xsl:call-template name="stage-table">
                <xsl:with-param name="p" select="$p"/>
                <xsl:with-param name="st" select="$st"/>
              </xsl:call-template>
            </section>

            <section class="section" id="completion" aria-labelledby="completion-h">
              <h2 id="completion-h">Step completion</h2>
              <p class="section-intro">For each step, the share of the deals that reached its stage in which it is done.</p>
              <xsl:call-template name="step-completion">
                <xsl:with-param name="p" select="$p"/>
                <xsl:with-param name="st" select="$st"/>
              </xsl:call-template>
            </section>

            <section class="section" id="open-deals" aria-labelledby="open-h">
              <h2 id="open-h">Open deals</h2>
              <xsl:call-template name="deal-table">
                <xsl:with-param name="deals" select="$deals[@status = 'open']"/>
                <xsl:with-param name="empty" select="'No open deal in this process.'"/>
              </xsl:call-template>
              <xsl:call-template name="shown-of">
                <xsl:with-param name="total" select="$st/@open"/>
                <xsl:with-param name="what" select="'open deals, the furthest along first'"/>
              </xsl:call-template>
            </section>

            <div class="grid-2">
              <section class="card" id="rotting" aria-labelledby="rotting-h">
                <h2 id="rotting-h">Rotting deals</h2>
                <xsl:call-template name="rotting-list">
                  <xsl:with-param name="deals" select="$deals[@rotting = 'true']"/>
                </xsl:call-template>
                <xsl:call-template name="shown-of">
                  <xsl:with-param name="total">
                    <xsl:choose>
                      <xsl:when test="$st/@rotting"><xsl:value-of select="$st/@rotting"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="count($deals[@rotting = 'true'])"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                  <xsl:with-param name="what" select="'rotting deals, the longest idle first'"/>
                </xsl:call-template>
              </section>
              <section class="card" id="closed" aria-labelledby="closed-h">
                <h2 id="closed-h">Recently closed</h2>
                <xsl:call-template name="closed-list">
                  <xsl:with-param name="deals" select="$deals[@status != 'open']"/>
                  <xsl:with-param name="total" select="$st/@won + $st/@lost"/>
                </xsl:call-template>
              </section>
            </div>

            <section class="section" id="owners" aria-labelledby="owners-h">
              <h2 id="owners-h">Owners</h2>
              <xsl:call-template name="owners-table"><xsl:with-param name="st" select="$st"/></xsl:call-template>
            </section>

            <section class="section" id="governance" aria-labelledby="governance-h">
              <h2 id="governance-h">Governance</h2>
              <p class="section-intro">Who does what in this process: the weight of each step in a deal's progress, what a completion must carry, and who is responsible, may complete it and is notified when it is done.</p>
              <xsl:call-template name="governance"><xsl:with-param name="p" select="$p"/></xsl:call-template>
            </section>
          </main>
          <xsl:call-template name="footer">
            <xsl:with-param name="what" select="concat('Process ', @id, ', defined in ', @file, '.')"/>
          </xsl:call-template>
        </body>
      </html>
    </exsl:document>
  </xsl:template>

  <!-- The funnel: one bar per stage, as wide as the share of all deals that
       reached it, then the won deals. Percent coordinates keep the text at
       its size on any screen. -->
  <xsl:template name="funnel">
    <xsl:param name="p"/>
    <xsl:param name="st"/>
    <xsl:variable name="max">
      <xsl:for-each select="$st/s:stages/s:stage/@reached | $st/@won">
        <xsl:sort select="." data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="n" select="count($p/s:stages/s:stage)"/>
    <xsl:variable name="row" select="66"/>
    <svg class="funnel" width="100%" height="{($n + 1) * $row - 14}" role="img"
         aria-labelledby="funnel-t funnel-d">
      <title id="funnel-t">Funnel of <xsl:value-of select="$p/@name"/></title>
      <desc id="funnel-d">
        <xsl:for-each select="$p/s:stages/s:stage">
          <xsl:variable name="ss" select="$st/s:stages/s:stage[@ref = current()/@id]"/>
          <xsl:value-of select="@name"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="$ss/@reached"/>
          <xsl:text> deals reached it</xsl:text>
          <xsl:if test="$ss/@conversion">
            <xsl:text>, </xsl:text>
            <xsl:call-template name="percent"><xsl:with-param name="value" select="$ss/@conversion"/></xsl:call-template>
            <xsl:text> moved on</xsl:text>
          </xsl:if>
          <xsl:text>. </xsl:text>
        </xsl:for-each>
        <xsl:text>Won: </xsl:text><xsl:value-of select="$st/@won"/><xsl:text>. The stage table has the same figures.</xsl:text>
      </desc>
      <xsl:for-each select="$p/s:stages/s:stage">
        <xsl:variable name="ss" select="$st/s:stages/s:stage[@ref = current()/@id]"/>
        <xsl:variable name="y" select="(position() - 1) * $row"/>
        <xsl:call-template name="funnel-row">
          <xsl:with-param name="y" select="$y"/>
          <xsl:with-param name="label" select="@name"/>
          <xsl:with-param name="count" select="number($ss/@reached)"/>
          <xsl:with-param name="open" select="number($ss/@open)"/>
          <xsl:with-param name="max" select="number($max)"/>
          <xsl:with-param name="class" select="'f-bar'"/>
        </xsl:call-template>
        <text x="50%" y="{$y + 61}" text-anchor="middle" class="f-conv" fill="#475569" font-size="12">
          <xsl:choose>
            <xsl:when test="$ss/@conversion">
              <xsl:text>↓ </xsl:text>
              <xsl:call-template name="percent"><xsl:with-param name="value" select="$ss/@conversion"/></xsl:call-template>
              <xsl:choose>
                <xsl:when test="position() = last()"> won</xsl:when>
                <xsl:otherwise> moved on</xsl:otherwise>
              </xsl:choose>
            </xsl:when>
            <xsl:otherwise>↓</xsl:otherwise>
          </xsl:choose>
        </text>
      </xsl:for-each>
      <xsl:call-template name="funnel-row">
        <xsl:with-param name="y" select="$n * $row"/>
        <xsl:with-param name="label" select="'Won'"/>
        <xsl:with-param name="count" select="number($st/@won)"/>
        <xsl:with-param name="open" select="-1"/>
        <xsl:with-param name="max" select="number($max)"/>
        <xsl:with-param name="class" select="'f-bar f-won'"/>
      </xsl:call-template>
    </svg>
  </xsl:template>

  <xsl:template name="funnel-row">
    <xsl:param name="y"/>
    <xsl:param name="label"/>
    <xsl:param name="count"/>
    <xsl:param name="open"/>
    <xsl:param name="max"/>
    <xsl:param name="class"/>
    <xsl:variable name="w">
      <xsl:choose>
        <xsl:when test="not($max &gt; 0) or not($count &gt; 0)">0.6</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="format-number(2 + 98 * $count div $max, '0.##')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <text x="0" y="{$y + 14}" class="f-label" fill="#0f172a" font-size="13" font-weight="600"><xsl:value-of select="$label"/></text>
    <text x="100%" y="{$y + 14}" text-anchor="end" class="f-count" fill="#334155" font-size="13">
      <xsl:value-of select="$count"/>
      <xsl:choose>
        <xsl:when test="$open &lt; 0"> won</xsl:when>
        <xsl:otherwise> reached · <xsl:value-of select="$open"/> open</xsl:otherwise>
      </xsl:choose>
    </text>
    <xsl:choose>
      <xsl:when test="$class = 'f-bar f-won'">
        <rect x="{format-number((100 - $w) div 2, '0.##')}%" y="{$y + 21}" width="{$w}%" height="24" rx="5" class="{$class}" fill="#16a34a"/>
      </xsl:when>
      <xsl:otherwise>
        <rect x="{format-number((100 - $w) div 2, '0.##')}%" y="{$y + 21}" width="{$w}%" height="24" rx="5" class="{$class}" fill="#3b82f6"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="blocking-steps">
    <xsl:param name="p"/>
    <xsl:param name="st"/>
    <xsl:choose>
      <xsl:when test="not($st/s:blockers/s:blocker)">
        <p class="notice notice-ok">No open deal is held up by an obligatory step.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="open" select="number($st/@open)"/>
        <table class="data bars">
          <caption class="sr-only">Obligatory steps not done in open deals, most often first</caption>
          <thead>
            <tr><th scope="col">Step</th><th scope="col" class="num">Open deals held</th><th scope="col" class="bar-col"><span class="sr-only">Share of open deals</span></th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$st/s:blockers/s:blocker">
              <xsl:variable name="def" select="$p/s:stages/s:stage/s:steps/s:step[@id = current()/@step]"/>
              <tr>
                <td>
                  <xsl:value-of select="$def/@name"/>
                  <xsl:text> </xsl:text><span class="sub"><xsl:value-of select="$def/../../@name"/></span>
                </td>
                <td class="num"><xsl:value-of select="@deals"/><span class="muted"> of <xsl:value-of select="$open"/></span></td>
                <td class="bar-col">
                  <xsl:call-template name="hbar">
                    <xsl:with-param name="pct">
                      <xsl:choose>
                        <xsl:when test="$open &gt; 0"><xsl:value-of select="format-number(100 * @deals div $open, '0.#')"/></xsl:when>
                        <xsl:otherwise>0</xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                    <xsl:with-param name="class" select="'blocked'"/>
                    <xsl:with-param name="title" select="concat($def/@name, ': holds ', @deals, ' of ', $open, ' open deals')"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="stage-table">
    <xsl:param name="p"/>
    <xsl:param name="st"/>
    <div class="table-wrap">
      <table class="data stackable">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" class="num">Open now</th>
            <th scope="col" class="num">Reached</th>
            <th scope="col" class="num">Moved on</th>
            <th scope="col" class="num">Open amount</th>
            <th scope="col" class="num">Weighted</th>
            <th scope="col" class="num">Avg. days</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$p/s:stages/s:stage">
            <xsl:variable name="ss" select="$st/s:stages/s:stage[@ref = current()/@id]"/>
            <tr>
              <th scope="row">
                <xsl:value-of select="@name"/>
                <xsl:text> </xsl:text><span class="sub">
                  <xsl:if test="@strict = 'true'"><span class="tag tag-strict" title="A deal may not move past this stage while an obligatory step of it is not done">strict gate</span><xsl:text> </xsl:text></xsl:if>
                  <xsl:if test="@rotting-days">rots after <xsl:value-of select="@rotting-days"/> idle days</xsl:if>
                </span>
              </th>
              <td class="num" data-label="Open now"><xsl:value-of select="$ss/@open"/></td>
              <td class="num" data-label="Reached"><xsl:value-of select="$ss/@reached"/></td>
              <td class="num" data-label="Moved on">
                <xsl:call-template name="percent"><xsl:with-param name="value" select="$ss/@conversion"/></xsl:call-template>
                <xsl:if test="position() = last() and $ss/@conversion"><xsl:text> </xsl:text><span class="sub">won</span></xsl:if>
              </td>
              <td class="num" data-label="Open amount">
                <xsl:call-template name="amount-lines">
                  <xsl:with-param name="amounts" select="$ss/s:open-amounts/s:sum"/>
                  <xsl:with-param name="field" select="'amount'"/>
                </xsl:call-template>
              </td>
              <td class="num" data-label="Weighted">
                <xsl:call-template name="amount-lines">
                  <xsl:with-param name="amounts" select="$ss/s:open-amounts/s:sum"/>
                  <xsl:with-param name="field" select="'weighted-amount'"/>
                </xsl:call-template>
              </td>
              <td class="num" data-label="Avg. days"><xsl:call-template name="days-figure"><xsl:with-param name="value" select="$ss/@average-days"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <p class="table-note muted small">Moved on: deals that reached the next stage (for the last stage: were won) out of those that reached this one. Avg. days: time spent in the stage by deals that left it.</p>
  </xsl:template>

  <xsl:template name="step-completion">
    <xsl:param name="p"/>
    <xsl:param name="st"/>
    <div class="table-wrap">
      <table class="data bars">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" class="num">Done</th>
            <th scope="col" class="num">Share</th>
            <th scope="col" class="bar-col"><span class="sr-only">Bar</span></th>
          </tr>
        </thead>
        <xsl:for-each select="$p/s:stages/s:stage">
          <tbody>
            <tr class="group-row"><th colspan="4" scope="rowgroup"><xsl:value-of select="@name"/></th></tr>
            <xsl:for-each select="s:steps/s:step">
              <xsl:variable name="ss" select="$st/s:steps/s:step[@ref = current()/@id]"/>
              <tr>
                <td>
                  <xsl:value-of select="@name"/>
                  <xsl:if test="@obligatory = 'true'"><xsl:text> </xsl:text><span class="tag tag-oblig">obligatory</span></xsl:if>
                </td>
                <td class="num nowrap"><xsl:value-of select="$ss/@done"/><span class="muted"> of <xsl:value-of select="$ss/@reached"/></span></td>
                <td class="num"><xsl:call-template name="percent"><xsl:with-param name="value" select="$ss/@share"/></xsl:call-template></td>
                <td class="bar-col">
                  <xsl:call-template name="hbar">
                    <xsl:with-param name="pct">
                      <xsl:choose>
                        <xsl:when test="$ss/@share"><xsl:value-of select="$ss/@share"/></xsl:when>
                        <xsl:otherwise>0</xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                    <xsl:with-param name="class" select="'done'"/>
                    <xsl:with-param name="title" select="concat(@name, ': done in ', $ss/@done, ' of ', $ss/@reached, ' deals')"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
            <xsl:if test="not(s:steps/s:step)">
              <tr><td colspan="4" class="muted">This stage has no steps.</td></tr>
            </xsl:if>
          </tbody>
        </xsl:for-each>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="deal-table">
    <xsl:param name="deals"/>
    <xsl:param name="empty"/>
    <xsl:choose>
      <xsl:when test="not($deals)">
        <p class="notice"><xsl:value-of select="$empty"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table class="data stackable">
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Stage</th>
                <th scope="col">Owner</th>
                <th scope="col" class="num">Amount</th>
                <th scope="col" class="num">Weighted</th>
                <th scope="col">Progress</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$deals">
                <xsl:sort select="count(key('stage-def', concat(@process, ' ', @stage))/preceding-sibling::s:stage)" data-type="number" order="descending"/>
                <xsl:sort select="@progress" data-type="number" order="descending"/>
                <xsl:sort select="@id"/>
                <xsl:if test="position() &lt;= $list-limit">
                <tr>
                  <td class="deal-cell"><xsl:call-template name="deal-link"><xsl:with-param name="root" select="'../'"/></xsl:call-template></td>
                  <td data-label="Stage"><xsl:call-template name="stage-name"/></td>
                  <td data-label="Owner"><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template></td>
                  <td class="num nowrap" data-label="Amount"><xsl:call-template name="deal-amount"/></td>
                  <td class="num nowrap" data-label="Weighted"><xsl:call-template name="deal-amount"><xsl:with-param name="field" select="'weighted-amount'"/></xsl:call-template></td>
                  <td class="progress-cell" data-label="Progress"><xsl:call-template name="mini-progress"/></td>
                  <td class="chips" data-label="Status"><xsl:call-template name="deal-chips"/></td>
                </tr>
                </xsl:if>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rotting-list">
    <xsl:param name="deals"/>
    <xsl:choose>
      <xsl:when test="not($deals)">
        <p class="notice notice-ok">No deal is rotting: every open deal had activity within its stage's limit.</p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="deal-list">
          <xsl:for-each select="$deals">
            <xsl:sort select="@idle-days" data-type="number" order="descending"/>
            <xsl:sort select="@id"/>
            <xsl:if test="position() &lt;= $list-limit">
            <li>
              <xsl:call-template name="deal-link"><xsl:with-param name="root" select="'../'"/></xsl:call-template>
              <xsl:text> </xsl:text><span class="sub">
                <xsl:call-template name="stage-name"/>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template>
                <xsl:text> · last activity </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="iso" select="@last-activity"/></xsl:call-template>
              </span>
              <span class="chip chip-rotting"><xsl:value-of select="@idle-days"/> days idle</span>
            </li>
            </xsl:if>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="closed-list">
    <xsl:param name="deals"/>
    <xsl:param name="total"/>
    <xsl:choose>
      <xsl:when test="not($deals)">
        <p class="notice">No deal of this process has been won or lost yet.</p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="deal-list">
          <xsl:for-each select="$deals">
            <xsl:sort select="@closed" order="descending"/>
            <xsl:sort select="@id"/>
            <xsl:if test="position() &lt;= $closed-limit">
              <li>
                <xsl:call-template name="deal-link"><xsl:with-param name="root" select="'../'"/></xsl:call-template>
                <xsl:text> </xsl:text><span class="sub">
                  <xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template>
                  <xsl:if test="@closed">
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="iso" select="@closed"/></xsl:call-template>
                  </xsl:if>
                  <xsl:if test="@amount">
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="deal-amount"/>
                  </xsl:if>
                </span>
                <xsl:call-template name="status-chip"/>
              </li>
            </xsl:if>
          </xsl:for-each>
        </ul>
        <xsl:if test="$total &gt; $closed-limit">
          <p class="muted small">The last <xsl:value-of select="$closed-limit"/> of <xsl:value-of select="format-number($total, '#,##0')"/> closed deals.</p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="owners-table">
    <xsl:param name="st"/>
    <xsl:choose>
      <xsl:when test="not($st/s:owners/s:owner)">
        <p class="notice">No deal in this process yet.</p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table class="data stackable">
            <thead>
              <tr>
                <th scope="col">Owner</th>
                <th scope="col" class="num">Open</th>
                <th scope="col" class="num">Won</th>
                <th scope="col" class="num">Lost</th>
                <th scope="col" class="num">Win rate</th>
                <th scope="col" class="num">Won amount</th>
                <th scope="col" class="bar-col">Mix</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$st/s:owners/s:owner">
                <tr>
                  <th scope="row"><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@ref"/></xsl:call-template></th>
                  <td class="num" data-label="Open"><xsl:value-of select="@open"/></td>
                  <td class="num" data-label="Won"><xsl:value-of select="@won"/></td>
                  <td class="num" data-label="Lost"><xsl:value-of select="@lost"/></td>
                  <td class="num" data-label="Win rate">
                    <xsl:choose>
                      <xsl:when test="@won + @lost &gt; 0"><xsl:value-of select="format-number(100 * @won div (@won + @lost), '0.#')"/>%</xsl:when>
                      <xsl:otherwise>—</xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num" data-label="Won amount">
                    <xsl:call-template name="amount-lines">
                      <xsl:with-param name="amounts" select="s:won-amounts/s:sum"/>
                      <xsl:with-param name="field" select="'amount'"/>
                    </xsl:call-template>
                  </td>
                  <td class="bar-col" data-label="Mix">
                    <xsl:call-template name="status-bar">
                      <xsl:with-param name="open" select="number(@open)"/>
                      <xsl:with-param name="won" select="number(@won)"/>
                      <xsl:with-param name="lost" select="number(@lost)"/>
                      <xsl:with-param name="label">
                        <xsl:choose>
                          <xsl:when test="key('user', @ref)"><xsl:value-of select="key('user', @ref)/@name"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="@ref"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:with-param>
                      <xsl:with-param name="height" select="10"/>
                    </xsl:call-template>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="governance">
    <xsl:param name="p"/>
    <div class="table-wrap">
      <table class="data governance stackable">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" class="num">Value</th>
            <th scope="col">Obligatory</th>
            <th scope="col">Requires</th>
            <th scope="col">Responsible</th>
            <th scope="col">May complete</th>
            <th scope="col">Notified</th>
          </tr>
        </thead>
        <xsl:for-each select="$p/s:stages/s:stage">
          <tbody>
            <tr class="group-row">
              <th colspan="7" scope="rowgroup">
                <xsl:value-of select="@name"/>
                <xsl:if test="@strict = 'true'"><xsl:text> </xsl:text><span class="tag tag-strict">strict gate</span></xsl:if>
              </th>
            </tr>
            <xsl:for-each select="s:steps/s:step">
              <tr>
                <th scope="row">
                  <xsl:value-of select="@name"/>
                  <xsl:text> </xsl:text><span class="sub mono"><xsl:value-of select="@id"/></span>
                  <xsl:if test="s:description"><xsl:text> </xsl:text><span class="sub desc"><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:description)"/></xsl:call-template></span></xsl:if>
                </th>
                <td class="num" data-label="Value">
                  <xsl:value-of select="@value"/>
                  <xsl:if test="$p/@total-value &gt; 0">
                    <xsl:text> </xsl:text><span class="sub"><xsl:value-of select="format-number(100 * @value div $p/@total-value, '0.#')"/>%</span>
                  </xsl:if>
                </td>
                <td data-label="Obligatory">
                  <xsl:choose>
                    <xsl:when test="@obligatory = 'true'"><span class="tag tag-oblig">obligatory</span></xsl:when>
                    <xsl:otherwise><span class="muted">optional</span></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td data-label="Requires"><xsl:call-template name="requires"><xsl:with-param name="value" select="@requires"/></xsl:call-template></td>
                <td data-label="Responsible"><xsl:apply-templates select="s:responsible" mode="audience"/></td>
                <td data-label="May complete"><xsl:apply-templates select="s:can-complete" mode="audience"/></td>
                <td data-label="Notified"><xsl:apply-templates select="s:notify" mode="audience"/></td>
              </tr>
            </xsl:for-each>
            <xsl:if test="not(s:steps/s:step)">
              <tr><td colspan="7" class="muted">This stage has no steps.</td></tr>
            </xsl:if>
          </tbody>
        </xsl:for-each>
      </table>
    </div>
    <p class="table-note muted small">Total value: <xsl:value-of select="$p/@total-value"/> points; a deal's progress is the share of these points in its done steps.</p>
  </xsl:template>

  <!-- An audience as defined, resolved to the people it names. -->
  <xsl:template match="*" mode="audience">
    <xsl:choose>
      <xsl:when test="@default = 'true' and local-name() = 'responsible'">owner <span class="muted">(default)</span></xsl:when>
      <xsl:when test="@default = 'true' and local-name() = 'can-complete'">everyone <span class="muted">(default)</span></xsl:when>
      <xsl:when test="@default = 'true'"><span class="muted">nobody</span></xsl:when>
      <xsl:otherwise>
        <span class="audience">
          <xsl:for-each select="s:items/s:item">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <span class="aud-item">
              <xsl:choose>
                <xsl:when test="@kind = 'everyone'">everyone</xsl:when>
                <xsl:when test="@kind = 'owner'">owner</xsl:when>
                <xsl:when test="@kind = 'attendees'">attendees</xsl:when>
                <xsl:when test="@kind = 'managers' or @kind = 'administrators'">
                  <xsl:value-of select="@kind"/>
                  <xsl:variable name="role" select="substring(@kind, 1, string-length(@kind) - 1)"/>
                  <xsl:variable name="who" select="/s:state/s:team/s:user[@role = $role]"/>
                  <span class="people">
                    <xsl:text> (</xsl:text>
                    <xsl:choose>
                      <xsl:when test="$who">
                        <xsl:for-each select="$who">
                          <xsl:if test="position() &gt; 1">, </xsl:if>
                          <xsl:value-of select="@name"/>
                        </xsl:for-each>
                      </xsl:when>
                      <xsl:otherwise>nobody in the team</xsl:otherwise>
                    </xsl:choose>
                    <xsl:text>)</xsl:text>
                  </span>
                </xsl:when>
                <xsl:when test="@kind = 'user'">
                  <xsl:call-template name="user-name"><xsl:with-param name="ref" select="@ref"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="@kind"/></xsl:otherwise>
              </xsl:choose>
            </span>
          </xsl:for-each>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="requires">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="normalize-space($value) = ''"><span class="muted">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:if test="contains(concat(' ', $value, ' '), ' note ')"><span class="tag tag-req">note</span></xsl:if>
        <xsl:if test="contains(concat(' ', $value, ' '), ' note ') and contains(concat(' ', $value, ' '), ' file ')"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="contains(concat(' ', $value, ' '), ' file ')"><span class="tag tag-req">file</span></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Deal page                                                         -->
  <!-- ================================================================ -->

  <xsl:template match="s:deal" mode="deal-page">
    <xsl:variable name="d" select="."/>
    <xsl:variable name="p" select="key('process', @process)"/>
    <xsl:variable name="st" select="key('stats', @process)"/>
    <xsl:variable name="cur" select="count(key('stage-def', concat(@process, ' ', @stage))/preceding-sibling::s:stage) + 1"/>
    <xsl:variable name="errors" select="count(s:diagnostics/s:diagnostic[@severity = 'error'])"/>
    <exsl:document href="deals/{@id}.html" method="html" encoding="UTF-8" indent="yes"
                   doctype-system="about:legacy-compat">
      <html lang="en">
        <xsl:call-template name="head">
          <xsl:with-param name="title" select="concat(s:title, ' · ', $p/@name, ' · Sales report')"/>
          <xsl:with-param name="root" select="'../'"/>
        </xsl:call-template>
        <body class="page-deal status-{@status}">
          <xsl:call-template name="topbar"><xsl:with-param name="root" select="'../'"/></xsl:call-template>
          <main class="wrap">
            <nav class="crumbs" aria-label="Breadcrumb">
              <a href="../index.html">Pipeline</a>
              <span aria-hidden="true"> / </span>
              <a href="../processes/{@process}.html"><xsl:value-of select="$p/@name"/></a>
              <span aria-hidden="true"> / </span>
              <span aria-current="page" class="mono"><xsl:value-of select="@id"/></span>
            </nav>
            <div class="page-head deal-head">
              <h1><xsl:value-of select="s:title"/></h1>
              <p class="chips head-chips">
                <xsl:call-template name="status-chip"/>
                <xsl:if test="@status = 'open'">
                  <xsl:text> </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@can-win = 'true'"><span class="chip chip-ready">Ready to win</span></xsl:when>
                    <xsl:otherwise><span class="chip chip-blocked">Blocked: <xsl:value-of select="count(s:blockers/s:blocker)"/> obligatory <xsl:call-template name="plural"><xsl:with-param name="n" select="count(s:blockers/s:blocker)"/><xsl:with-param name="one" select="'step'"/><xsl:with-param name="many" select="'steps'"/></xsl:call-template> open</span></xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
                <xsl:if test="@rotting = 'true'"><xsl:text> </xsl:text><span class="chip chip-rotting">Rotting: <xsl:value-of select="@idle-days"/> days idle</span></xsl:if>
                <xsl:if test="$errors &gt; 0">
                  <xsl:text> </xsl:text>
                  <a class="chip chip-error" href="#diagnostics"><xsl:value-of select="$errors"/> rule <xsl:call-template name="plural"><xsl:with-param name="n" select="$errors"/><xsl:with-param name="one" select="'break'"/><xsl:with-param name="many" select="'breaks'"/></xsl:call-template></a>
                </xsl:if>
              </p>
            </div>

            <section class="card deal-summary" aria-label="Deal summary">
              <dl class="facts facts-wide">
                <div class="fact">
                  <dt>Amount</dt>
                  <dd class="big"><xsl:call-template name="deal-amount"/></dd>
                </div>
                <div class="fact">
                  <dt>Weighted</dt>
                  <dd class="big"><xsl:call-template name="deal-amount"><xsl:with-param name="field" select="'weighted-amount'"/></xsl:call-template></dd>
                </div>
                <div class="fact">
                  <dt>Owner</dt>
                  <dd><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template></dd>
                </div>
                <div class="fact">
                  <dt>Attendees</dt>
                  <dd>
                    <xsl:call-template name="people">
                      <xsl:with-param name="refs" select="s:attendees/s:person/@ref"/>
                      <xsl:with-param name="none" select="'none'"/>
                    </xsl:call-template>
                  </dd>
                </div>
                <div class="fact">
                  <dt>Created</dt>
                  <dd><xsl:call-template name="date"><xsl:with-param name="iso" select="@created"/></xsl:call-template></dd>
                </div>
                <div class="fact">
                  <dt>
                    <xsl:choose>
                      <xsl:when test="@status = 'won'">Won</xsl:when>
                      <xsl:when test="@status = 'lost'">Lost</xsl:when>
                      <xsl:otherwise>Last activity</xsl:otherwise>
                    </xsl:choose>
                  </dt>
                  <dd>
                    <xsl:choose>
                      <xsl:when test="@closed">
                        <xsl:call-template name="date"><xsl:with-param name="iso" select="@closed"/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:call-template name="date"><xsl:with-param name="iso" select="@last-activity"/></xsl:call-template>
                        <xsl:text> </xsl:text><span class="sub"><xsl:call-template name="idle"><xsl:with-param name="ago" select="true()"/></xsl:call-template></span>
                      </xsl:otherwise>
                    </xsl:choose>
                  </dd>
                </div>
              </dl>

              <h2 class="sr-only">Progress</h2>
              <div class="progress-block">
                <div class="progress-head">
                  <span class="progress-pct"><xsl:value-of select="@progress"/>%</span>
                  <span class="muted">done · <xsl:value-of select="@done-value"/> of <xsl:value-of select="$p/@total-value"/> points</span>
                </div>
                <svg class="progress" width="100%" height="12" role="img" aria-labelledby="progress-t">
                  <title id="progress-t">Progress: <xsl:value-of select="@progress"/>% (<xsl:value-of select="@done-value"/> of <xsl:value-of select="$p/@total-value"/> points)</title>
                  <rect x="0" y="0" width="100%" height="12" rx="6" class="bar-bg" fill="#e2e8f0"/>
                  <xsl:if test="@progress &gt; 0">
                    <rect x="0" y="0" width="{@progress}%" height="12" rx="6" class="bar-fg bar-{@status}" fill="#3b82f6"/>
                  </xsl:if>
                </svg>
              </div>

              <h2 class="path-title">Stages</h2>
              <ol class="path">
                <xsl:for-each select="$p/s:stages/s:stage">
                  <xsl:variable name="state">
                    <xsl:choose>
                      <xsl:when test="$d/@status = 'won'">done</xsl:when>
                      <xsl:when test="position() &lt; $cur">done</xsl:when>
                      <xsl:when test="position() = $cur">current</xsl:when>
                      <xsl:otherwise>ahead</xsl:otherwise>
                    </xsl:choose>
                  </xsl:variable>
                  <xsl:variable name="visits" select="$d/s:visits/s:visit[@stage = current()/@id]"/>
                  <li class="path-step path-{$state}">
                    <xsl:if test="$state = 'current'"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
                    <span class="path-dot" aria-hidden="true">
                      <xsl:choose>
                        <xsl:when test="$state = 'done'">✓</xsl:when>
                        <xsl:otherwise><xsl:value-of select="position()"/></xsl:otherwise>
                      </xsl:choose>
                    </span>
                    <span class="path-text">
                      <span class="path-name"><xsl:value-of select="@name"/></span>
                      <span class="path-meta">
                        <span class="sr-only">
                          <xsl:choose>
                            <xsl:when test="$state = 'done'">(done) </xsl:when>
                            <xsl:when test="$state = 'current'">(current stage) </xsl:when>
                            <xsl:otherwise>(ahead) </xsl:otherwise>
                          </xsl:choose>
                        </span>
                        <xsl:choose>
                          <xsl:when test="$visits">
                            <xsl:value-of select="sum($visits/@days)"/>
                            <xsl:text> </xsl:text>
                            <xsl:call-template name="plural">
                              <xsl:with-param name="n" select="sum($visits/@days)"/>
                              <xsl:with-param name="one" select="'day'"/>
                              <xsl:with-param name="many" select="'days'"/>
                            </xsl:call-template>
                            <xsl:variable name="avg" select="$st/s:stages/s:stage[@ref = current()/@id]/@average-days"/>
                            <xsl:if test="$avg"> · avg. <xsl:call-template name="trim-dot-zero"><xsl:with-param name="value" select="$avg"/></xsl:call-template></xsl:if>
                          </xsl:when>
                          <xsl:when test="$state = 'done'">skipped</xsl:when>
                          <xsl:otherwise>not yet</xsl:otherwise>
                        </xsl:choose>
                      </span>
                    </span>
                  </li>
                </xsl:for-each>
                <li class="path-step path-end path-end-{@status}">
                  <span class="path-dot" aria-hidden="true">
                    <xsl:choose>
                      <xsl:when test="@status = 'won'">★</xsl:when>
                      <xsl:when test="@status = 'lost'">✕</xsl:when>
                      <xsl:otherwise>★</xsl:otherwise>
                    </xsl:choose>
                  </span>
                  <span class="path-text">
                    <span class="path-name">
                      <xsl:choose>
                        <xsl:when test="@status = 'won'">Won</xsl:when>
                        <xsl:when test="@status = 'lost'">Lost</xsl:when>
                        <xsl:otherwise>Win</xsl:otherwise>
                      </xsl:choose>
                    </span>
                    <span class="path-meta">
                      <xsl:choose>
                        <xsl:when test="@closed"><xsl:call-template name="date"><xsl:with-param name="iso" select="@closed"/></xsl:call-template></xsl:when>
                        <xsl:when test="@can-win = 'true'">possible now</xsl:when>
                        <xsl:otherwise>blocked</xsl:otherwise>
                      </xsl:choose>
                    </span>
                  </span>
                </li>
              </ol>
            </section>

            <xsl:call-template name="deal-blockers">
              <xsl:with-param name="p" select="$p"/>
            </xsl:call-template>

            <section class="section" id="checklist" aria-labelledby="checklist-h">
              <h2 id="checklist-h">Checklist</h2>
              <xsl:call-template name="deal-checklist">
                <xsl:with-param name="p" select="$p"/>
              </xsl:call-template>
            </section>

            <div class="grid-2 grid-wide-left">
              <section class="card" id="timeline" aria-labelledby="timeline-h">
                <h2 id="timeline-h">Timeline</h2>
                <xsl:call-template name="deal-timeline">
                  <xsl:with-param name="p" select="$p"/>
                </xsl:call-template>
              </section>
              <div class="stack">
                <section class="card" id="notifications" aria-labelledby="notifications-h">
                  <h2 id="notifications-h">Notifications sent</h2>
                  <xsl:call-template name="deal-notifications">
                    <xsl:with-param name="p" select="$p"/>
                  </xsl:call-template>
                </section>
                <section class="card" id="visits" aria-labelledby="visits-h">
                  <h2 id="visits-h">Time in stages</h2>
                  <xsl:call-template name="deal-visits">
                    <xsl:with-param name="p" select="$p"/>
                  </xsl:call-template>
                </section>
              </div>
            </div>

            <section class="section" id="diagnostics" aria-labelledby="deal-diags-h">
              <h2 id="deal-diags-h">Rule checks</h2>
              <xsl:choose>
                <xsl:when test="s:diagnostics/s:diagnostic">
                  <xsl:call-template name="diagnostics-table">
                    <xsl:with-param name="diags" select="s:diagnostics/s:diagnostic"/>
                    <xsl:with-param name="root" select="'../'"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <p class="notice notice-ok">This deal follows every rule of its process.</p>
                </xsl:otherwise>
              </xsl:choose>
            </section>
          </main>
          <xsl:call-template name="footer">
            <xsl:with-param name="what" select="concat('Deal ', @id, ', from ', @file, '.')"/>
          </xsl:call-template>
        </body>
      </html>
    </exsl:document>
  </xsl:template>

  <xsl:template name="deal-blockers">
    <xsl:param name="p"/>
    <section id="blockers" aria-labelledby="blockers-h">
      <xsl:attribute name="class">
        <xsl:text>card blockers</xsl:text>
        <xsl:choose>
          <xsl:when test="@status = 'open' and s:blockers/s:blocker"> blockers-open</xsl:when>
          <xsl:when test="@status = 'open'"> blockers-ready</xsl:when>
        </xsl:choose>
      </xsl:attribute>
      <h2 id="blockers-h">
        <xsl:choose>
          <xsl:when test="@status = 'open'">What stands between this deal and a win</xsl:when>
          <xsl:otherwise>Outcome</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="@status = 'won'">
          <p class="outcome">Won on <xsl:call-template name="date"><xsl:with-param name="iso" select="@closed"/></xsl:call-template>
            <xsl:for-each select="s:events/s:event[@index = current()/@closed-event] | s:events/s:event[not(current()/@closed-event)][@kind = 'won'][@applied = 'true'][1]">
              <xsl:text> by </xsl:text><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@by"/></xsl:call-template>
            </xsl:for-each>
            <xsl:text>, </xsl:text>
            <xsl:call-template name="days-between">
              <xsl:with-param name="from" select="@created"/>
              <xsl:with-param name="to" select="@closed"/>
            </xsl:call-template>
            <xsl:text> days after it was created.</xsl:text>
          </p>
        </xsl:when>
        <xsl:when test="@status = 'lost'">
          <p class="outcome">Lost on <xsl:call-template name="date"><xsl:with-param name="iso" select="@closed"/></xsl:call-template>
            <xsl:for-each select="s:events/s:event[@index = current()/@closed-event] | s:events/s:event[not(current()/@closed-event)][@kind = 'lost'][@applied = 'true'][1]">
              <xsl:text> by </xsl:text><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@by"/></xsl:call-template>
              <xsl:text>.</xsl:text>
              <xsl:if test="normalize-space(s:reason) != ''">
                <span class="reason">Reason: <q><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:reason)"/></xsl:call-template></q></span>
              </xsl:if>
            </xsl:for-each>
          </p>
        </xsl:when>
        <xsl:when test="not(s:blockers/s:blocker)">
          <p class="outcome">Nothing: every obligatory step is done, so this deal can be marked as won.</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="card-intro">
            <xsl:value-of select="count(s:blockers/s:blocker)"/>
            <xsl:text> obligatory </xsl:text>
            <xsl:call-template name="plural">
              <xsl:with-param name="n" select="count(s:blockers/s:blocker)"/>
              <xsl:with-param name="one" select="'step is'"/>
              <xsl:with-param name="many" select="'steps are'"/>
            </xsl:call-template>
            <xsl:text> not done. The deal cannot be won until </xsl:text>
            <xsl:call-template name="plural">
              <xsl:with-param name="n" select="count(s:blockers/s:blocker)"/>
              <xsl:with-param name="one" select="'it is'"/>
              <xsl:with-param name="many" select="'they are'"/>
            </xsl:call-template>
            <xsl:text>.</xsl:text>
          </p>
          <ol class="blocker-list">
            <xsl:for-each select="s:blockers/s:blocker">
              <xsl:variable name="def" select="key('step-def', concat($p/@id, ' ', @step))"/>
              <li class="blocker">
                <div class="blocker-name">
                  <strong><xsl:value-of select="$def/@name"/></strong>
                  <span class="muted"> in <xsl:value-of select="key('stage-def', concat($p/@id, ' ', @stage))/@name"/></span>
                  <xsl:if test="normalize-space(@requires) != ''">
                    <span class="needs"> · needs <xsl:call-template name="requires"><xsl:with-param name="value" select="@requires"/></xsl:call-template></span>
                  </xsl:if>
                </div>
                <dl class="who">
                  <div>
                    <dt>Must act</dt>
                    <dd>
                      <xsl:call-template name="people">
                        <xsl:with-param name="refs" select="s:responsible/s:person/@ref"/>
                        <xsl:with-param name="none" select="'nobody'"/>
                      </xsl:call-template>
                    </dd>
                  </div>
                  <div>
                    <dt>May complete</dt>
                    <dd>
                      <xsl:choose>
                        <xsl:when test="count(s:can-complete/s:person) &gt; 3 and count(s:can-complete/s:person) = count(/s:state/s:team/s:user)">
                          <xsl:text>everyone in the team (</xsl:text>
                          <xsl:value-of select="count(s:can-complete/s:person)"/>
                          <xsl:text> people)</xsl:text>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:call-template name="people">
                            <xsl:with-param name="refs" select="s:can-complete/s:person/@ref"/>
                            <xsl:with-param name="none" select="'nobody in the team'"/>
                          </xsl:call-template>
                        </xsl:otherwise>
                      </xsl:choose>
                    </dd>
                  </div>
                </dl>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="deal-checklist">
    <xsl:param name="p"/>
    <xsl:variable name="d" select="."/>
    <div class="checklist">
      <xsl:for-each select="$p/s:stages/s:stage">
        <div class="check-stage">
          <div class="check-stage-head">
            <h3>
              <xsl:value-of select="@name"/>
              <xsl:if test="@strict = 'true'"><xsl:text> </xsl:text><span class="tag tag-strict">strict gate</span></xsl:if>
            </h3>
            <xsl:if test="s:steps/s:step">
              <span class="muted small">
                <xsl:value-of select="count($d/s:steps/s:step[@done = 'true'][@ref = current()/s:steps/s:step/@id])"/>
                <xsl:text> of </xsl:text>
                <xsl:value-of select="count(s:steps/s:step)"/>
                <xsl:text> done</xsl:text>
              </span>
            </xsl:if>
          </div>
          <xsl:if test="not(s:steps/s:step)"><p class="muted small">No steps in this stage.</p></xsl:if>
          <ul class="checks">
            <xsl:for-each select="s:steps/s:step">
              <xsl:variable name="ss" select="$d/s:steps/s:step[@ref = current()/@id]"/>
              <xsl:variable name="blocker" select="$d/s:blockers/s:blocker[@step = current()/@id]"/>
              <xsl:variable name="refused" select="$d/s:events/s:event[@step = current()/@id][@applied = 'false']"/>
              <xsl:variable name="state">
                <xsl:choose>
                  <xsl:when test="$ss/@done = 'true'">done</xsl:when>
                  <xsl:when test="$blocker">blocking</xsl:when>
                  <xsl:otherwise>pending</xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <li class="check check-{$state}">
                <span class="check-box" aria-hidden="true">
                  <xsl:choose>
                    <xsl:when test="$state = 'done'">✓</xsl:when>
                    <xsl:when test="$state = 'blocking'">!</xsl:when>
                    <xsl:otherwise></xsl:otherwise>
                  </xsl:choose>
                </span>
                <div class="check-body">
                  <div class="check-title">
                    <span class="check-name"><xsl:value-of select="@name"/></span>
                    <xsl:if test="@obligatory = 'true'"><xsl:text> </xsl:text><span class="tag tag-oblig">obligatory</span></xsl:if>
                    <xsl:if test="normalize-space(@requires) != ''"><xsl:text> </xsl:text><xsl:call-template name="requires"><xsl:with-param name="value" select="@requires"/></xsl:call-template></xsl:if>
                  </div>
                  <div class="check-status">
                    <xsl:choose>
                      <xsl:when test="$state = 'done'">
                        <span class="sr-only">Done. </span>
                        <xsl:text>Done by </xsl:text>
                        <xsl:call-template name="user-name"><xsl:with-param name="ref" select="$ss/@by"/></xsl:call-template>
                        <xsl:text> on </xsl:text>
                        <xsl:call-template name="datetime"><xsl:with-param name="iso" select="$ss/@at"/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise>
                        <span class="pending-label">
                          <xsl:choose>
                            <xsl:when test="$state = 'blocking'">Not done; blocks the win</xsl:when>
                            <xsl:otherwise>Not done</xsl:otherwise>
                          </xsl:choose>
                        </span>
                        <xsl:if test="$d/@status = 'open'">
                          <xsl:text> · responsible: </xsl:text>
                          <xsl:choose>
                            <xsl:when test="$blocker">
                              <xsl:call-template name="people">
                                <xsl:with-param name="refs" select="$blocker/s:responsible/s:person/@ref"/>
                                <xsl:with-param name="none" select="'nobody'"/>
                              </xsl:call-template>
                            </xsl:when>
                            <xsl:otherwise>
                              <xsl:call-template name="resolve-audience">
                                <xsl:with-param name="aud" select="s:responsible"/>
                                <xsl:with-param name="deal" select="$d"/>
                              </xsl:call-template>
                            </xsl:otherwise>
                          </xsl:choose>
                        </xsl:if>
                      </xsl:otherwise>
                    </xsl:choose>
                  </div>
                  <span class="check-value"><xsl:value-of select="@value"/> pts</span>
                  <xsl:for-each select="$refused">
                    <xsl:variable name="why" select="$d/s:diagnostics/s:diagnostic[@line = current()/@line]"/>
                    <div class="refused refused-{$why[1]/@severity}">
                      <span class="refused-label">
                        <xsl:choose>
                          <xsl:when test="$why[@severity = 'error']">Refused</xsl:when>
                          <xsl:otherwise>Ignored</xsl:otherwise>
                        </xsl:choose>
                      </span>
                      <xsl:text> </xsl:text>
                      <xsl:choose>
                        <xsl:when test="@kind = 'undone'">undo</xsl:when>
                        <xsl:otherwise>completion</xsl:otherwise>
                      </xsl:choose>
                      <xsl:text> by </xsl:text>
                      <xsl:call-template name="user-name"><xsl:with-param name="ref" select="@by"/></xsl:call-template>
                      <xsl:text> on </xsl:text>
                      <xsl:call-template name="datetime"><xsl:with-param name="iso" select="@at"/></xsl:call-template>
                      <xsl:for-each select="$why">
                        <span class="refused-why">
                          <xsl:call-template name="text"><xsl:with-param name="value" select="string(s:message)"/></xsl:call-template>
                          <xsl:text> </xsl:text>
                          <span class="code-tag"><xsl:value-of select="@code"/></span>
                        </span>
                      </xsl:for-each>
                    </div>
                  </xsl:for-each>
                </div>
              </li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template name="deal-timeline">
    <xsl:param name="p"/>
    <xsl:variable name="d" select="."/>
    <xsl:choose>
      <xsl:when test="not(s:events/s:event)">
        <p class="notice">Nothing has happened in this deal since it was created on <xsl:call-template name="date"><xsl:with-param name="iso" select="@created"/></xsl:call-template>.</p>
      </xsl:when>
      <xsl:otherwise>
        <ol class="timeline">
          <li class="tl tl-created">
            <span class="tl-dot" aria-hidden="true"></span>
            <div class="tl-body">
              <div class="tl-head">
                <time datetime="{@created}"><xsl:call-template name="date"><xsl:with-param name="iso" select="@created"/></xsl:call-template></time>
              </div>
              <p class="tl-what">Deal created, owned by <xsl:call-template name="user-name"><xsl:with-param name="ref" select="@owner"/></xsl:call-template></p>
            </div>
          </li>
          <xsl:for-each select="s:events/s:event">
            <xsl:variable name="why" select="$d/s:diagnostics/s:diagnostic[@line = current()/@line]"/>
            <li class="tl tl-{@kind} tl-applied-{@applied}">
              <span class="tl-dot" aria-hidden="true"></span>
              <div class="tl-body">
                <div class="tl-head">
                  <xsl:call-template name="datetime"><xsl:with-param name="iso" select="@at"/></xsl:call-template>
                  <xsl:if test="@applied = 'false'"><xsl:text> </xsl:text><span class="chip chip-error chip-sm">no effect</span></xsl:if>
                </div>
                <p class="tl-what">
                  <strong><xsl:call-template name="user-name"><xsl:with-param name="ref" select="@by"/></xsl:call-template></strong>
                  <xsl:text> </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@kind = 'done' or @kind = 'undone'">
                      <xsl:variable name="def" select="key('step-def', concat($p/@id, ' ', @step))"/>
                      <xsl:choose>
                        <xsl:when test="@kind = 'done'">completed </xsl:when>
                        <xsl:otherwise>reopened </xsl:otherwise>
                      </xsl:choose>
                      <xsl:choose>
                        <xsl:when test="$def"><span class="tl-obj"><xsl:value-of select="$def/@name"/></span></xsl:when>
                        <xsl:otherwise><span class="mono"><xsl:value-of select="@step"/></span><span class="muted"> (not a step of this process)</span></xsl:otherwise>
                      </xsl:choose>
                    </xsl:when>
                    <xsl:when test="@kind = 'moved'">
                      <xsl:variable name="def" select="key('stage-def', concat($p/@id, ' ', @stage))"/>
                      <xsl:text>moved the deal to </xsl:text>
                      <xsl:choose>
                        <xsl:when test="$def"><span class="tl-obj"><xsl:value-of select="$def/@name"/></span></xsl:when>
                        <xsl:otherwise><span class="mono"><xsl:value-of select="@stage"/></span><span class="muted"> (not a stage of this process)</span></xsl:otherwise>
                      </xsl:choose>
                    </xsl:when>
                    <xsl:when test="@kind = 'won'">marked the deal as <span class="tl-obj tl-won-word">won</span></xsl:when>
                    <xsl:when test="@kind = 'lost'">marked the deal as <span class="tl-obj tl-lost-word">lost</span></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@kind"/></xsl:otherwise>
                  </xsl:choose>
                </p>
                <xsl:if test="normalize-space(s:note) != ''">
                  <blockquote class="note"><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:note)"/></xsl:call-template></blockquote>
                </xsl:if>
                <xsl:if test="normalize-space(s:reason) != ''">
                  <blockquote class="note note-reason"><xsl:call-template name="text"><xsl:with-param name="value" select="string(s:reason)"/></xsl:call-template></blockquote>
                </xsl:if>
                <xsl:if test="s:files/s:file">
                  <ul class="files">
                    <xsl:for-each select="s:files/s:file">
                      <li><xsl:call-template name="file-link"/></li>
                    </xsl:for-each>
                  </ul>
                </xsl:if>
                <xsl:for-each select="$d/s:notifications/s:notification[@event = current()/@index]">
                  <p class="tl-notified">
                    <xsl:text>Notified: </xsl:text>
                    <xsl:call-template name="people">
                      <xsl:with-param name="refs" select="s:recipients/s:person/@ref"/>
                      <xsl:with-param name="none" select="'nobody'"/>
                    </xsl:call-template>
                  </p>
                </xsl:for-each>
                <xsl:for-each select="$why">
                  <p class="tl-diag sev-text-{@severity}">
                    <span class="sev sev-{@severity}"><xsl:value-of select="@severity"/></span>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="text"><xsl:with-param name="value" select="string(s:message)"/></xsl:call-template>
                    <xsl:text> </xsl:text>
                    <span class="code-tag"><xsl:value-of select="@code"/></span>
                  </p>
                </xsl:for-each>
              </div>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A file of a completion: a link only for an https:// href. -->
  <xsl:template name="file-link">
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="normalize-space(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="starts-with(@href, 'https://')">
        <xsl:call-template name="clip"/>
        <a class="file file-remote" href="{@href}" rel="noopener noreferrer"><xsl:value-of select="$label"/></a>
        <span class="file-where"><xsl:value-of select="substring-before(concat(substring-after(@href, 'https://'), '/'), '/')"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="clip"/>
        <span class="file file-local"><xsl:value-of select="$label"/></span>
        <span class="file-where">in the repository: <code><xsl:value-of select="@href"/></code></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="clip">
    <svg class="clip" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M10.5 4.5 5.6 9.4a1.5 1.5 0 0 0 2.1 2.1l5-5a3 3 0 0 0-4.2-4.2l-5 5a4.5 4.5 0 0 0 6.4 6.4l4.4-4.4"
            fill="none" stroke="#64748b" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>
    </svg>
  </xsl:template>

  <xsl:template name="deal-notifications">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="not(s:notifications/s:notification)">
        <p class="muted">No notification was sent for this deal.</p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="notif-list">
          <xsl:for-each select="s:notifications/s:notification">
            <li>
              <div class="notif-head">
                <span class="notif-step"><xsl:value-of select="key('step-def', concat($p/@id, ' ', @step))/@name"/></span>
                <xsl:call-template name="datetime"><xsl:with-param name="iso" select="@at"/></xsl:call-template>
              </div>
              <div class="notif-who">
                <xsl:call-template name="people">
                  <xsl:with-param name="refs" select="s:recipients/s:person/@ref"/>
                  <xsl:with-param name="none" select="'nobody'"/>
                </xsl:call-template>
              </div>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="deal-visits">
    <xsl:param name="p"/>
    <table class="data compact">
      <thead>
        <tr><th scope="col">Stage</th><th scope="col">Entered</th><th scope="col">Left</th><th scope="col" class="num">Days</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="s:visits/s:visit">
          <tr>
            <th scope="row"><xsl:value-of select="key('stage-def', concat($p/@id, ' ', @stage))/@name"/></th>
            <td class="nowrap"><xsl:call-template name="date"><xsl:with-param name="iso" select="@entered"/></xsl:call-template></td>
            <td class="nowrap">
              <xsl:choose>
                <xsl:when test="@left"><xsl:call-template name="date"><xsl:with-param name="iso" select="@left"/></xsl:call-template></xsl:when>
                <xsl:otherwise><span class="muted">still here</span></xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="num"><xsl:value-of select="@days"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Pieces shared by the pages                                        -->
  <!-- ================================================================ -->

  <!-- The title of the context deal (or attention row) as a link to its page,
       or as text when deal pages are left out. -->
  <xsl:template name="deal-link">
    <xsl:param name="root"/>
    <xsl:choose>
      <xsl:when test="$links">
        <a class="deal-title" href="{$root}deals/{@id}.html"><xsl:value-of select="s:title"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="deal-title"><xsl:value-of select="s:title"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text><span class="sub mono"><xsl:value-of select="@id"/></span>
  </xsl:template>

  <xsl:template name="stage-name">
    <xsl:variable name="def" select="key('stage-def', concat(@process, ' ', @stage))"/>
    <xsl:choose>
      <xsl:when test="$def"><xsl:value-of select="$def/@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@stage"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-chip">
    <xsl:choose>
      <xsl:when test="@status = 'won'"><span class="chip chip-won">Won</span></xsl:when>
      <xsl:when test="@status = 'lost'"><span class="chip chip-lost">Lost</span></xsl:when>
      <xsl:otherwise><span class="chip chip-open">Open</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="deal-chips">
    <xsl:choose>
      <xsl:when test="@status != 'open'"><xsl:call-template name="status-chip"/></xsl:when>
      <xsl:when test="@can-win = 'true'"><span class="chip chip-ready">Ready to win</span></xsl:when>
      <xsl:otherwise><span class="chip chip-blocked">Blocked</span></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@rotting = 'true'"><xsl:text> </xsl:text><span class="chip chip-rotting">Rotting</span></xsl:if>
  </xsl:template>

  <xsl:template name="mini-progress">
    <span class="mini-progress">
      <svg width="64" height="8" role="img" aria-label="{@progress}% done">
        <rect x="0" y="0" width="64" height="8" rx="4" class="bar-bg" fill="#e2e8f0"/>
        <xsl:if test="@progress &gt; 0">
          <rect x="0" y="0" width="{format-number(64 * @progress div 100, '0.##')}" height="8" rx="4" class="bar-fg bar-{@status}" fill="#3b82f6"/>
        </xsl:if>
      </svg>
      <span class="mini-progress-pct"><xsl:value-of select="@progress"/>%</span>
    </span>
  </xsl:template>

  <xsl:template name="idle">
    <xsl:param name="ago" select="false()"/>
    <xsl:choose>
      <xsl:when test="@status != 'open'"><span class="muted">closed</span></xsl:when>
      <xsl:when test="@idle-days = 0">today</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@idle-days"/>
        <xsl:choose>
          <xsl:when test="@idle-days = 1"> day</xsl:when>
          <xsl:otherwise> days</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$ago"> ago</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A horizontal bar of pct percent, with its own title. -->
  <xsl:template name="hbar">
    <xsl:param name="pct"/>
    <xsl:param name="class"/>
    <xsl:param name="title"/>
    <svg class="hbar hbar-{$class}" width="100%" height="10" role="img">
      <title><xsl:value-of select="$title"/></title>
      <rect x="0" y="0" width="100%" height="10" rx="5" class="bar-bg" fill="#e2e8f0"/>
      <xsl:if test="number($pct) &gt; 0">
        <rect x="0" y="0" width="{$pct}%" height="10" rx="5" class="bar-fg" fill="#3b82f6"/>
      </xsl:if>
    </svg>
  </xsl:template>

  <!-- Open, won and lost as one stacked bar. -->
  <xsl:template name="status-bar">
    <xsl:param name="open"/>
    <xsl:param name="won"/>
    <xsl:param name="lost"/>
    <xsl:param name="label"/>
    <xsl:param name="height" select="12"/>
    <xsl:variable name="total" select="$open + $won + $lost"/>
    <div class="status-bar-wrap">
      <svg class="status-bar" width="100%" height="{$height}" role="img">
        <title><xsl:value-of select="$label"/>: <xsl:value-of select="$open"/> open, <xsl:value-of select="$won"/> won, <xsl:value-of select="$lost"/> lost</title>
        <rect x="0" y="0" width="100%" height="{$height}" rx="3" class="bar-bg" fill="#e2e8f0"/>
        <xsl:if test="$total &gt; 0">
          <xsl:variable name="wo" select="100 * $open div $total"/>
          <xsl:variable name="ww" select="100 * $won div $total"/>
          <xsl:variable name="wl" select="100 * $lost div $total"/>
          <xsl:if test="$open &gt; 0">
            <rect x="0" y="0" width="{format-number($wo, '0.##')}%" height="{$height}" class="seg-open" fill="#3b82f6"/>
          </xsl:if>
          <xsl:if test="$won &gt; 0">
            <rect x="{format-number($wo, '0.##')}%" y="0" width="{format-number($ww, '0.##')}%" height="{$height}" class="seg-won" fill="#16a34a"/>
          </xsl:if>
          <xsl:if test="$lost &gt; 0">
            <rect x="{format-number($wo + $ww, '0.##')}%" y="0" width="{format-number($wl, '0.##')}%" height="{$height}" class="seg-lost" fill="#94a3b8"/>
          </xsl:if>
        </xsl:if>
      </svg>
      <xsl:if test="$height &gt; 10">
        <p class="legend" aria-hidden="true">
          <span class="key key-open"></span><xsl:value-of select="$open"/><xsl:text> open </xsl:text>
          <span class="key key-won"></span><xsl:value-of select="$won"/><xsl:text> won </xsl:text>
          <span class="key key-lost"></span><xsl:value-of select="$lost"/><xsl:text> lost</xsl:text>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="user-name">
    <xsl:param name="ref"/>
    <xsl:variable name="u" select="key('user', $ref)"/>
    <xsl:choose>
      <xsl:when test="$u"><span class="person" title="{$ref}"><xsl:value-of select="$u/@name"/></span></xsl:when>
      <xsl:when test="string($ref) = ''"><span class="muted">—</span></xsl:when>
      <xsl:otherwise><span class="person person-unknown"><span class="mono"><xsl:value-of select="$ref"/></span><span class="muted"> (not in the team)</span></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names for a set of user-id attribute nodes, in their order. -->
  <xsl:template name="people">
    <xsl:param name="refs"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="not($refs)"><span class="muted"><xsl:value-of select="$none"/></span></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$refs">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:call-template name="user-name"><xsl:with-param name="ref" select="string(.)"/></xsl:call-template>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The people an audience definition names for a deal, in team order. -->
  <xsl:template name="resolve-audience">
    <xsl:param name="aud"/>
    <xsl:param name="deal"/>
    <xsl:variable name="who" select="/s:state/s:team/s:user[
        $aud/@everyone = 'true'
        or @id = $aud/s:people/s:person/@ref
        or ($aud/@owner = 'true' and @id = $deal/@owner)
        or ($aud/@attendees = 'true' and @id = $deal/s:attendees/s:person/@ref)]"/>
    <xsl:call-template name="people">
      <xsl:with-param name="refs" select="$who/@id"/>
      <xsl:with-param name="none" select="'nobody'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Free text from the input (notes, reasons, descriptions, messages).
       Plain text output, escaped by the serializer; a "javascript:" in it
       (a message may quote a refused href) is split by an empty span so that
       no page carries that string, while it reads and copies the same. -->
  <xsl:template name="text">
    <xsl:param name="value"/>
    <xsl:variable name="low" select="translate($value, 'JAVSCRIPT', 'javscript')"/>
    <xsl:choose>
      <xsl:when test="contains($low, 'javascript:')">
        <xsl:variable name="at" select="string-length(substring-before($low, 'javascript:'))"/>
        <xsl:value-of select="substring($value, 1, $at + 10)"/>
        <span></span>
        <xsl:call-template name="text">
          <xsl:with-param name="value" select="substring($value, $at + 11)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Under a list cut to $list-limit, how many there are in all. -->
  <xsl:template name="shown-of">
    <xsl:param name="total"/>
    <xsl:param name="what"/>
    <xsl:if test="$total &gt; $list-limit">
      <p class="muted small shown-of">
        <xsl:text>The first </xsl:text>
        <xsl:value-of select="format-number($list-limit, '#,##0')"/>
        <xsl:text> of </xsl:text>
        <xsl:value-of select="format-number($total, '#,##0')"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$what"/>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="plural">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many"/>
    <xsl:choose>
      <xsl:when test="number($n) = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "76.9" as "76.9%", "50.0" as "50%", absent as a dash. -->
  <xsl:template name="percent">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) = ''"><span class="muted">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="trim-dot-zero"><xsl:with-param name="value" select="$value"/></xsl:call-template>
        <xsl:text>%</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="days-figure">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) = ''"><span class="muted">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="trim-dot-zero"><xsl:with-param name="value" select="$value"/></xsl:call-template>
        <span class="unit"> days</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-dot-zero">
    <xsl:param name="value"/>
    <xsl:variable name="frac" select="substring-after($value, '.')"/>
    <xsl:choose>
      <xsl:when test="contains($value, '.') and translate($frac, '0', '') = ''">
        <xsl:value-of select="substring-before($value, '.')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Dates, from the ISO text                                          -->
  <!-- ================================================================ -->

  <!-- "2026-12-03" or "2026-12-03T10:15:00+01:00" as "3 Dec 2026" -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:variable name="y" select="substring($iso, 1, 4)"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="dd" select="substring($iso, 9, 2)"/>
    <xsl:choose>
      <xsl:when test="string-length($iso) &gt;= 10 and $m &gt;= 1 and $m &lt;= 12">
        <time datetime="{$iso}">
          <xsl:value-of select="concat(number($dd), ' ', substring($months, 3 * $m - 2, 3), ' ', $y)"/>
        </time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$iso"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2026-12-03T10:15:00+01:00" as "3 Dec 2026, 10:15" (the local time
       written in the log; the full value is in the datetime attribute). -->
  <xsl:template name="datetime">
    <xsl:param name="iso"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($iso) &gt;= 16 and substring($iso, 11, 1) = 'T' and $m &gt;= 1 and $m &lt;= 12">
        <time datetime="{$iso}" title="{$iso}">
          <xsl:value-of select="concat(number(substring($iso, 9, 2)), ' ', substring($months, 3 * $m - 2, 3), ' ', substring($iso, 1, 4), ', ', substring($iso, 12, 5))"/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="$iso"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whole days between two ISO dates (their date parts), by the civil
       calendar: only small integers, exact in a double. -->
  <xsl:template name="days-between">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:variable name="a"><xsl:call-template name="day-number"><xsl:with-param name="iso" select="$from"/></xsl:call-template></xsl:variable>
    <xsl:variable name="b"><xsl:call-template name="day-number"><xsl:with-param name="iso" select="$to"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="$b - $a"/>
  </xsl:template>

  <xsl:template name="day-number">
    <xsl:param name="iso"/>
    <xsl:variable name="y0" select="number(substring($iso, 1, 4))"/>
    <xsl:variable name="m0" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="d0" select="number(substring($iso, 9, 2))"/>
    <xsl:variable name="y" select="$y0 - number($m0 &lt;= 2)"/>
    <xsl:variable name="era" select="floor($y div 400)"/>
    <xsl:variable name="yoe" select="$y - $era * 400"/>
    <xsl:variable name="mp" select="($m0 + 9) mod 12"/>
    <xsl:variable name="doy" select="floor((153 * $mp + 2) div 5) + $d0 - 1"/>
    <xsl:variable name="doe" select="$yoe * 365 + floor($yoe div 4) - floor($yoe div 100) + $doy"/>
    <xsl:value-of select="$era * 146097 + $doe"/>
  </xsl:template>

  <!-- ================================================================ -->
  <!-- Amounts: decimal text, never number()                             -->
  <!-- ================================================================ -->

  <!-- The amount (or weighted amount) of the context deal. -->
  <xsl:template name="deal-amount">
    <xsl:param name="field" select="'amount'"/>
    <xsl:variable name="v" select="@*[local-name() = $field]"/>
    <xsl:choose>
      <xsl:when test="$v">
        <xsl:call-template name="money">
          <xsl:with-param name="value" select="string($v)"/>
          <xsl:with-param name="currency" select="@currency"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1234567.50" and "PLN" as "1,234,567.50 PLN"; a zero fraction is left
       out ("48000.00" as "48,000"). -->
  <xsl:template name="money">
    <xsl:param name="value"/>
    <xsl:param name="currency"/>
    <xsl:variable name="neg" select="starts-with($value, '-')"/>
    <xsl:variable name="abs">
      <xsl:choose>
        <xsl:when test="$neg"><xsl:value-of select="substring($value, 2)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="int" select="substring-before(concat($abs, '.'), '.')"/>
    <xsl:variable name="frac" select="substring-after($abs, '.')"/>
    <span class="money">
      <xsl:if test="$neg">−</xsl:if>
      <xsl:call-template name="group-thousands"><xsl:with-param name="digits" select="$int"/></xsl:call-template>
      <xsl:if test="translate($frac, '0', '') != ''">
        <xsl:value-of select="concat('.', $frac)"/>
      </xsl:if>
      <xsl:if test="string($currency) != ''">
        <xsl:value-of select="$nbsp"/>
        <span class="cur"><xsl:value-of select="$currency"/></span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template name="group-thousands">
    <xsl:param name="digits"/>
    <xsl:variable name="n" select="string-length($digits)"/>
    <xsl:choose>
      <xsl:when test="$n &lt;= 3"><xsl:value-of select="$digits"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="group-thousands">
          <xsl:with-param name="digits" select="substring($digits, 1, $n - 3)"/>
        </xsl:call-template>
        <xsl:value-of select="concat(',', substring($digits, $n - 2))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One line per amount element of a stage or owner, in its order. -->
  <xsl:template name="amount-lines">
    <xsl:param name="amounts"/>
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="not($amounts)"><span class="muted">—</span></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$amounts">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <span class="money-line">
            <xsl:choose>
              <xsl:when test="@*[local-name() = $field]">
                <xsl:call-template name="money">
                  <xsl:with-param name="value" select="string(@*[local-name() = $field])"/>
                  <xsl:with-param name="currency" select="@currency"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:call-template name="overflow"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Sums of amount elements per currency (alphabetical), one line each. -->
  <xsl:template name="currency-totals">
    <xsl:param name="amounts"/>
    <xsl:param name="field"/>
    <xsl:param name="class" select="''"/>
    <xsl:choose>
      <xsl:when test="not($amounts)"><div class="{normalize-space(concat('money-line ', $class))}"><span class="muted">—</span></div></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="set:distinct($amounts/@currency)">
          <xsl:sort select="."/>
          <xsl:variable name="c" select="string(.)"/>
          <xsl:variable name="these" select="$amounts[@currency = $c]"/>
          <div class="{normalize-space(concat('money-line ', $class))}">
            <xsl:choose>
              <xsl:when test="$these[not(@*[local-name() = $field])]">
                <xsl:call-template name="overflow"/>
                <xsl:value-of select="$nbsp"/>
                <span class="cur"><xsl:value-of select="$c"/></span>
              </xsl:when>
              <xsl:otherwise>
                <xsl:variable name="sum">
                  <xsl:call-template name="dec-sum">
                    <xsl:with-param name="nodes" select="$these/@*[local-name() = $field]"/>
                  </xsl:call-template>
                </xsl:variable>
                <xsl:call-template name="money">
                  <xsl:with-param name="value" select="string($sum)"/>
                  <xsl:with-param name="currency" select="$c"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The sum of the field of amount elements of one currency, as a bare
       number (the currency is in the row or column head). -->
  <xsl:template name="currency-sum">
    <xsl:param name="amounts"/>
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="not($amounts)"><span class="muted">—</span></xsl:when>
      <xsl:when test="$amounts[not(@*[local-name() = $field])]"><xsl:call-template name="overflow"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="sum">
          <xsl:call-template name="dec-sum">
            <xsl:with-param name="nodes" select="$amounts/@*[local-name() = $field]"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="money"><xsl:with-param name="value" select="string($sum)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="overflow">
    <span class="overflow" title="The sum is too large for dealc to count exactly">too large to sum</span>
  </xsl:template>

  <!-- The exact sum of a node-set of decimal texts, halving the set so the
       recursion stays shallow. -->
  <xsl:template name="dec-sum">
    <xsl:param name="nodes"/>
    <xsl:variable name="n" select="count($nodes)"/>
    <xsl:choose>
      <xsl:when test="$n = 0">0</xsl:when>
      <xsl:when test="$n = 1"><xsl:value-of select="$nodes"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="h" select="floor($n div 2)"/>
        <xsl:variable name="left">
          <xsl:call-template name="dec-sum"><xsl:with-param name="nodes" select="$nodes[position() &lt;= $h]"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="right">
          <xsl:call-template name="dec-sum"><xsl:with-param name="nodes" select="$nodes[position() &gt; $h]"/></xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="dec-add">
          <xsl:with-param name="a" select="string($left)"/>
          <xsl:with-param name="b" select="string($right)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a + b for non-negative decimal texts ("48000.00", "0.125", "7"),
       digit by digit; the result keeps at least two fraction digits when
       either has a fraction, and no trailing zero beyond them. -->
  <xsl:template name="dec-add">
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:variable name="ai" select="substring-before(concat($a, '.'), '.')"/>
    <xsl:variable name="af" select="substring-after($a, '.')"/>
    <xsl:variable name="bi" select="substring-before(concat($b, '.'), '.')"/>
    <xsl:variable name="bf" select="substring-after($b, '.')"/>
    <xsl:variable name="fl">
      <xsl:choose>
        <xsl:when test="string-length($af) &gt; string-length($bf)"><xsl:value-of select="string-length($af)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="string-length($bf)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="A0" select="concat($ai, $af, substring($zeros, 1, $fl - string-length($af)))"/>
    <xsl:variable name="B0" select="concat($bi, $bf, substring($zeros, 1, $fl - string-length($bf)))"/>
    <xsl:variable name="il">
      <xsl:choose>
        <xsl:when test="string-length($A0) &gt; string-length($B0)"><xsl:value-of select="string-length($A0)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="string-length($B0)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="sum">
      <xsl:call-template name="digits-add">
        <xsl:with-param name="A" select="concat(substring($zeros, 1, $il - string-length($A0)), $A0)"/>
        <xsl:with-param name="B" select="concat(substring($zeros, 1, $il - string-length($B0)), $B0)"/>
        <xsl:with-param name="carry" select="0"/>
        <xsl:with-param name="acc" select="''"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="len" select="string-length($sum)"/>
    <xsl:variable name="int">
      <xsl:call-template name="strip-leading-zeros">
        <xsl:with-param name="digits" select="substring($sum, 1, $len - $fl)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="frac">
      <xsl:call-template name="trim-fraction">
        <xsl:with-param name="digits" select="substring($sum, $len - $fl + 1)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="$int"/>
    <xsl:if test="$fl &gt; 0"><xsl:value-of select="concat('.', $frac)"/></xsl:if>
  </xsl:template>

  <xsl:template name="digits-add">
    <xsl:param name="A"/>
    <xsl:param name="B"/>
    <xsl:param name="carry"/>
    <xsl:param name="acc"/>
    <xsl:variable name="n" select="string-length($A)"/>
    <xsl:choose>
      <xsl:when test="$n = 0">
        <xsl:if test="$carry &gt; 0"><xsl:value-of select="$carry"/></xsl:if>
        <xsl:value-of select="$acc"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="d" select="number(substring($A, $n, 1)) + number(substring($B, $n, 1)) + $carry"/>
        <xsl:call-template name="digits-add">
          <xsl:with-param name="A" select="substring($A, 1, $n - 1)"/>
          <xsl:with-param name="B" select="substring($B, 1, $n - 1)"/>
          <xsl:with-param name="carry" select="floor($d div 10)"/>
          <xsl:with-param name="acc" select="concat($d mod 10, $acc)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="strip-leading-zeros">
    <xsl:param name="digits"/>
    <xsl:choose>
      <xsl:when test="string-length($digits) &gt; 1 and starts-with($digits, '0')">
        <xsl:call-template name="strip-leading-zeros"><xsl:with-param name="digits" select="substring($digits, 2)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$digits = ''">0</xsl:when>
      <xsl:otherwise><xsl:value-of select="$digits"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-fraction">
    <xsl:param name="digits"/>
    <xsl:choose>
      <xsl:when test="string-length($digits) &gt; 2 and substring($digits, string-length($digits)) = '0'">
        <xsl:call-template name="trim-fraction"><xsl:with-param name="digits" select="substring($digits, 1, string-length($digits) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$digits"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
