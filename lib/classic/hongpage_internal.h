#ifndef HERD_CLASSIC_HONGPAGE_INTERNAL_H
#define HERD_CLASSIC_HONGPAGE_INTERNAL_H

/* A heuristic's search from every point of the ring at once; never installed. */

/* k <= 10 for every heuristic the validation accepts, as k! cannot exceed 2^24. */
#define HERD_HONGPAGE_MAX_STEPS 10u

/* Where searches end. An agent with steps[0..k) that stands at point p, about to try step j,
 * tries steps j, j+1, ... in turn (cycling), moves to the first point a step away whose value
 * is higher, and goes on from there with the step after the one that moved it; it stops
 * where none of its k steps leads higher. This writes that end into stop[p * k + j] for every
 * point p of the ring of n values and every j < k. by_value lists the points from the
 * highest value down (ties in any order), as herd_classic_sort_desc_ orders them.
 * So the agent with these steps that starts at p ends at stop[p * k], and the agent whose
 * steps are these rotated to begin with steps[r] ends at stop[p * k + r]. */
void herd_hongpage_stops_(const double *values, unsigned n, const unsigned *by_value,
                          const unsigned *steps, unsigned k, unsigned *stop);

#endif
