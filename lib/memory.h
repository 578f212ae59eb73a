#ifndef HERD_LIB_MEMORY_H
#define HERD_LIB_MEMORY_H

/* The one estimate of what a simulation takes, made before anything is allocated, and the
 * one message that refuses it. Not installed. */
#include <stddef.h>

#include "herd/params.h"

/* Bytes a simulation of p takes, its policies holding state_size bytes a team. */
double herd_memory_estimate(const herd_params *p, size_t state_size);
/* 0 if need fits in limit (0: herd_sim_memory_limit()); otherwise HERD_ETOOBIG and msg says
 * "N teams of M agents need about X, more than the Y of memory available". */
int herd_memory_check(const herd_params *p, double need, double limit, char *msg,
                      size_t msg_size);

#endif
