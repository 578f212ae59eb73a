/* Nanoseconds per number for three ways of writing a double as text: the loop herd used before
 * (the first of %.15g, %.16g, %.17g that strtod reads back), plain snprintf("%.17g"), and
 * herd_io_number, which every CSV of herd now goes through. Two sets of doubles: random bit
 * patterns (every exponent) and the values of a simulation's records, the fields of
 * herd run's rows. Each time is the median of interleaved repetitions.
 * With --compare N it instead writes N doubles of each kind of tests/support/number_samples.h
 * both ways, and counts where herd_io_number's text is the loop's, and where it has fewer
 * digits; exit status 1 if any reads back wrong or is neither.
 * Usage: herd-bench-numfmt [--count N] [--reps R] | herd-bench-numfmt --compare N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "number_samples.h"
#include "timing.h"

typedef int (*writer)(double x, char buf[32]);

static int loop_before(double x, char buf[32])
{
    return printf_shortest(x, buf);
}

static int printf_17g(double x, char buf[32])
{
    return snprintf(buf, 32, "%.17g", x);
}

static int herd_number(double x, char buf[32])
{
    return herd_io_number(x, buf);
}

static const struct {
    const char *name;
    writer write;
} writers[] = {{"loop before", loop_before}, {"%.17g", printf_17g}, {"herd_io_number", herd_number}};
enum { WRITERS = sizeof writers / sizeof writers[0] };

/* The ns per number of one pass of w over x; the lengths go to *chars so that the work stays. */
static double time_pass(writer w, const double *x, size_t n, size_t *chars)
{
    char buf[32];
    double start = bench_now();
    for (size_t i = 0; i < n; i++)
        *chars += (size_t)w(x[i], buf);
    return (bench_now() - start) * 1e9 / (double)n;
}

/* Median ns per number of each writer, the writers taking turns in each repetition. */
static void time_writers(const char *set, const double *x, size_t n, int reps)
{
    double ns[WRITERS][64];
    size_t chars = 0;
    for (int r = 0; r < reps; r++)
        for (int w = 0; w < WRITERS; w++)
            ns[w][r] = time_pass(writers[w].write, x, n, &chars);
    double median[WRITERS];
    for (int w = 0; w < WRITERS; w++)
        median[w] = bench_median(ns[w], reps);
    printf("| %s | %zu | %.0f | %.0f | %.1f | %.1f | %.1f |\n", set, n, median[0], median[1],
           median[2], median[0] / median[2], median[1] / median[2]);
    if (chars == 0)
        puts("(nothing written)");
}

typedef struct values {
    double *x;
    size_t n, cap;
} values;

static int keep_fields(const herd_record *r, void *userdata)
{
    values *v = userdata;
    for (size_t i = 0; i < herd_record_info_count() && v->n < v->cap; i++)
        v->x[v->n++] = herd_record_get(r, herd_record_info(i));
    return v->n == v->cap;
}

/* n record fields of the default organisation run tick after tick under the behind policy. */
static int record_values(double *x, size_t n)
{
    herd_params params;
    herd_params_default(&params);
    values v = {x, 0, n};
    herd_sim *sim = NULL;
    herd_status rc = herd_sim_new(&sim, &params, 1);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_behind);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, keep_fields, &v);
    while (rc == HERD_OK && v.n < n)
        rc = herd_sim_run(sim, 1000);
    herd_sim_free(sim);
    if (v.n < n) {
        fprintf(stderr, "herd-bench-numfmt: the simulation stopped: %s\n", herd_strerror(rc));
        return 1;
    }
    return 0;
}

static int time_all(size_t n, int reps)
{
    double *x = malloc(n * sizeof *x);
    if (x == NULL)
        return 1;
    printf("| doubles | count | loop before (ns) | %%.17g (ns) | herd_io_number (ns) | "
           "before / new | %%.17g / new |\n|---|---:|---:|---:|---:|---:|---:|\n");
    herd_pcg64 rng;
    herd_pcg64_stream(&rng, 7, 0);
    for (size_t i = 0; i < n; i++)
        x[i] = number_sample_draw(&rng, SAMPLE_BITS);
    time_writers("random bit patterns", x, n, reps);
    int rc = record_values(x, n);
    if (rc == 0)
        time_writers("record fields", x, n, reps);
    free(x);
    return rc;
}

static int digits_of(const char *text)
{
    int n = 0, first = -1, last = -1;
    for (; *text != '\0' && *text != 'e'; text++)
        if (*text >= '0' && *text <= '9') {
            if (*text != '0' && first < 0)
                first = n;
            if (*text != '0')
                last = n;
            n++;
        }
    return first < 0 ? 0 : last - first + 1;
}

static int compare_all(long n)
{
    int bad = 0;
    printf("| doubles | count | as before | fewer digits |\n|---|---:|---:|---:|\n");
    for (int k = 0; k < SAMPLE_KINDS; k++) {
        herd_pcg64 rng;
        herd_pcg64_stream(&rng, 11, (uint64_t)k);
        long same = 0, shorter = 0;
        for (long i = 0; i < n; i++) {
            double x = number_sample_draw(&rng, (number_sample)k), back;
            char mine[HERD_IO_NUMBER_SIZE], before[PRINTF_SHORTEST_SIZE];
            herd_io_number(x, mine);
            printf_shortest(x, before);
            back = strtod(mine, NULL);
            if (memcmp(&back, &x, sizeof x) != 0) {
                fprintf(stderr, "%a written as %s reads back as %a\n", x, mine, back);
                bad = 1;
            } else if (strcmp(mine, before) == 0) {
                same++;
            } else if (digits_of(mine) < digits_of(before)) {
                shorter++;
            } else {
                fprintf(stderr, "%a written as %s, before as %s\n", x, mine, before);
                bad = 1;
            }
        }
        printf("| %s | %ld | %ld | %ld |\n", number_sample_name((number_sample)k), n, same,
               shorter);
    }
    return bad;
}

int main(int argc, char **argv)
{
    long count = 1000000, reps = 5, compare = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        long *to = strcmp(argv[i], "--count") == 0     ? &count
                   : strcmp(argv[i], "--reps") == 0    ? &reps
                   : strcmp(argv[i], "--compare") == 0 ? &compare
                                                       : NULL;
        if (to == NULL || (*to = atol(argv[i + 1])) < 1) {
            fprintf(stderr, "usage: herd-bench-numfmt [--count N] [--reps R (1 to 64)] | "
                            "herd-bench-numfmt --compare N\n");
            return 2;
        }
    }
    if (reps > 64 || argc % 2 == 0) {
        fprintf(stderr, "usage: herd-bench-numfmt [--count N] [--reps R (1 to 64)] | "
                        "herd-bench-numfmt --compare N\n");
        return 2;
    }
    return compare > 0 ? compare_all(compare) : time_all((size_t)count, (int)reps);
}
