#ifndef HERD_TESTS_RUNNER_H
#define HERD_TESTS_RUNNER_H

#include <check.h>

/* Runs the suite, prints Check's summary, and returns the process exit status. */
int run_suite(Suite *suite);

#endif
