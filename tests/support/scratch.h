#ifndef HERD_TESTS_SCRATCH_H
#define HERD_TESTS_SCRATCH_H

/* A fresh folder under /tmp for a test's files, counted and removed with everything in it. */

#define SCRATCH_SIZE 64

/* Makes /tmp/herd_test_NAME_XXXXXX into dir; fails the test if it cannot. */
void scratch_make(char dir[SCRATCH_SIZE], const char *name);
/* The entries in dir, "." and ".." aside. */
int scratch_count(const char *dir);
/* Removes dir and everything in it. */
void scratch_remove(const char *dir);

#endif
