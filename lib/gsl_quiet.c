/* GSL's error handler switched off once for the process (lib/gsl_quiet.h). */
#include "gsl_quiet.h"

#include <pthread.h>

#include <gsl/gsl_errno.h>

static void switch_gsl_handler_off(void)
{
    gsl_set_error_handler_off();
}

/* GSL's handler is the process's: the one state herd keeps across calls, written once. */
static pthread_once_t gsl_quiet_once = PTHREAD_ONCE_INIT;

void herd_gsl_quiet(void)
{
    pthread_once(&gsl_quiet_once, switch_gsl_handler_off);
}
