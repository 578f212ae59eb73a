#ifndef HERD_LIB_GSL_QUIET_H
#define HERD_LIB_GSL_QUIET_H

/* GSL's error handler, by default, aborts the program on a domain error or a failed
 * allocation, which a library may not do. herd switches it off before it calls GSL where an
 * error can arise, and leaves it off: the handler is one for the whole process, and putting
 * it back after each call would race with another thread in herd, which could then call GSL
 * while the aborting handler is back in place. The first call, from whichever thread,
 * switches it off; the others wait for it and do nothing more. Not installed. */
void herd_gsl_quiet(void);

#endif
