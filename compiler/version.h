/* The version, set by the Makefile; a fallback for other builds. */
#ifndef DEALC_VERSION_H
#define DEALC_VERSION_H
#ifndef DEALC_VERSION
#define DEALC_VERSION "0.1.0"
#endif
#endif
