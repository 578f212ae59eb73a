/* A sweep's runs read back: their numbers per run and per design point
 * (include/herd/compare.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "errmsg.h"
#include "herd/compare.h"
#include "sweep_rows_internal.h"

/* Any level will do: only the interval's mean is taken. */
#define MEAN_LEVEL 0.95

/* A row of one side: its policy's position among those asked for (policy first, then
 * other), or the policy itself when every row is asked for. */
typedef struct run_key {
    size_t side;
    long point, rep;
    size_t row;
} run_key;

static int compare_keys(const void *a, const void *b)
{
    const run_key *x = a, *y = b;
    if (x->side != y->side)
        return (x->side > y->side) - (x->side < y->side);
    if (x->point != y->point)
        return (x->point > y->point) - (x->point < y->point);
    return (x->rep > y->rep) - (x->rep < y->rep);
}

static const char *name_of(const herd_sweep_rows *rows, size_t policy)
{
    const char *name = rows->names[policy];
    return name != NULL ? name : "(unnamed)";
}

const char *herd_sweep_rows_source(const herd_sweep_rows *rows)
{
    return rows->source != NULL ? rows->source : "sweep rows";
}

/* How a message names row r: "line 7" of the source or "row 5". */

static const char *unit_of(const herd_sweep_rows *rows)
{
    return rows->line != NULL ? "line" : "row";
}

static size_t number_of(const herd_sweep_rows *rows, size_t r)
{
    return rows->line != NULL ? rows->line[r] : r;
}

static int check_row(const herd_sweep_rows *rows, size_t r, char *err, size_t err_size)
{
    if (rows->point[r] < 0 || rows->rep[r] < 0)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: %s %zu: design point %ld, "
                         "replication %ld; expected both >= 0", herd_sweep_rows_source(rows),
                         unit_of(rows), number_of(rows, r), rows->point[r], rows->rep[r]);
    if (rows->policy[r] >= rows->n_names)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: %s %zu: policy %zu, but there are "
                         "%zu names", herd_sweep_rows_source(rows), unit_of(rows),
                         number_of(rows, r), rows->policy[r], rows->n_names);
    return HERD_OK;
}

/* n, the arrays and each row, once rows is known not to be NULL. */
static int check_table(const herd_sweep_rows *rows, char *err, size_t err_size)
{
    if (rows->n == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: no rows", herd_sweep_rows_source(rows));
    if (rows->point == NULL || rows->rep == NULL || rows->policy == NULL || rows->names == NULL)
        return herd_errf(err, err_size, HERD_EINVAL,
                         "sweep rows: point, rep, policy or names is NULL");
    return HERD_OK;
}

static int check_each_row(const herd_sweep_rows *rows, char *err, size_t err_size)
{
    for (size_t r = 0; r < rows->n; r++) {
        int rc = check_row(rows, r, err, err_size);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

static int check_args(const herd_sweep_rows *rows, const double *value, size_t stride,
                      size_t policy, size_t other, char *err, size_t err_size)
{
    if (rows == NULL || value == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: rows or value is NULL");
    int rc = check_table(rows, err, err_size);
    if (rc != HERD_OK)
        return rc;
    if (stride == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: stride 0; expected >= 1");
    if (policy >= rows->n_names || (other != HERD_SWEEP_NO_OTHER && other >= rows->n_names))
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: policy %zu or other %zu, but "
                         "there are %zu names", policy, other, rows->n_names);
    if (other == policy)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: policy %s less itself",
                         name_of(rows, policy));
    return check_each_row(rows, err, err_size);
}

/* The side of a row of policy p: 0 for policy, 1 for other, SIZE_MAX for a row not asked
 * for; p itself when policy is HERD_SWEEP_NO_OTHER, which asks for every row. */
static size_t side_of(size_t p, size_t policy, size_t other)
{
    if (policy == HERD_SWEEP_NO_OTHER)
        return p;
    return p == policy ? 0 : p == other ? 1 : SIZE_MAX;
}

/* The rows of policy and other (see side_of) sorted by side, point and replication into *out
 * (*n of them; free() it). Two of a side at one point and replication are refused: by the
 * seed rule they hold one run, which would count twice (a file two sweeps wrote into at once
 * holds such rows). */
static int index_rows(const herd_sweep_rows *rows, size_t policy, size_t other, run_key **out,
                      size_t *n, char *err, size_t err_size)
{
    run_key *keys = calloc(rows->n, sizeof *keys);
    if (keys == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "sweep rows: out of memory");
    *n = 0;
    for (size_t r = 0; r < rows->n; r++) {
        size_t side = side_of(rows->policy[r], policy, other);
        if (side != SIZE_MAX)
            keys[(*n)++] = (run_key){side, rows->point[r], rows->rep[r], r};
    }
    qsort(keys, *n, sizeof *keys, compare_keys);
    for (size_t i = 1; i < *n; i++)
        if (compare_keys(&keys[i - 1], &keys[i]) == 0) {
            size_t r1 = keys[i - 1].row, r2 = keys[i].row;
            free(keys);
            return herd_errf(err, err_size, HERD_EINVAL, "%s: %ss %zu and %zu both hold the run "
                             "of %s at design point %ld, replication %ld; the rows are not one "
                             "sweep's", herd_sweep_rows_source(rows), unit_of(rows),
                             number_of(rows, r1 < r2 ? r1 : r2),
                             number_of(rows, r1 < r2 ? r2 : r1),
                             name_of(rows, rows->policy[r1]), rows->point[r1], rows->rep[r1]);
        }
    *out = keys;
    return HERD_OK;
}

herd_status herd_sweep_rows_check(const herd_sweep_rows *rows, char *err, size_t err_size)
{
    if (rows == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: rows is NULL");
    int rc = check_table(rows, err, err_size);
    if (rc == HERD_OK)
        rc = check_each_row(rows, err, err_size);
    run_key *keys = NULL;
    size_t n = 0;
    if (rc == HERD_OK)
        rc = index_rows(rows, HERD_SWEEP_NO_OTHER, HERD_SWEEP_NO_OTHER, &keys, &n, err,
                        err_size);
    free(keys);
    return (herd_status)rc;
}

/* herd_sweep_rows_runs once the arguments are checked; finding none is no failure here. Each
 * of policy's rows is taken by its key, its number put at its own row (row_of[r] = r; SIZE_MAX
 * for a row left out), and the numbers then moved down in the order of the rows. */
static int collect(const herd_sweep_rows *rows, const double *value, size_t stride,
                   size_t policy, size_t other, double *d, size_t *row_of, size_t *n_out,
                   char *err, size_t err_size)
{
    run_key *keys = NULL;
    size_t n_keys = 0, n = 0;
    int rc = index_rows(rows, policy, other, &keys, &n_keys, err, err_size);
    if (rc != HERD_OK)
        return rc;
    size_t mine = 0;
    while (mine < n_keys && keys[mine].side == 0)
        mine++;
    for (size_t r = 0; r < rows->n; r++)
        row_of[r] = SIZE_MAX;
    for (size_t k = 0; k < mine; k++) {
        size_t r = keys[k].row;
        double v = value[r * stride];
        if (other != HERD_SWEEP_NO_OTHER) {
            run_key want = {1, keys[k].point, keys[k].rep, 0};
            const run_key *hit =
                bsearch(&want, keys + mine, n_keys - mine, sizeof *keys, compare_keys);
            if (hit == NULL)
                continue;
            v -= value[hit->row * stride];
        }
        d[r] = v;
        row_of[r] = r;
    }
    for (size_t r = 0; r < rows->n; r++)
        if (row_of[r] != SIZE_MAX) {
            d[n] = d[r];
            row_of[n++] = r;
        }
    free(keys);
    *n_out = n;
    return HERD_OK;
}

void herd_sweep_rows_where(const herd_sweep_rows *rows, size_t r, char *buf, size_t size)
{
    if (buf != NULL && size > 0)
        snprintf(buf, size, "%s %zu", unit_of(rows), number_of(rows, r));
}

void herd_sweep_rows_describe(const herd_sweep_rows *rows, size_t policy, size_t other,
                              char *buf, size_t size)
{
    if (other == HERD_SWEEP_NO_OTHER)
        herd_errf(buf, size, 0, "%s", name_of(rows, policy));
    else
        herd_errf(buf, size, 0, "%s paired with a run of %s (same replication)",
                  name_of(rows, policy), name_of(rows, other));
}

herd_status herd_sweep_rows_runs(const herd_sweep_rows *rows, const double *value,
                                 size_t stride, size_t policy, size_t other, double *d,
                                 size_t *row_of, size_t *n_out, char *err, size_t err_size)
{
    if (d == NULL || row_of == NULL || n_out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: d, row_of or n_out is NULL");
    int rc = check_args(rows, value, stride, policy, other, err, err_size);
    if (rc == HERD_OK)
        rc = collect(rows, value, stride, policy, other, d, row_of, n_out, err, err_size);
    if (rc == HERD_OK && *n_out == 0) {
        char runs[256];
        herd_sweep_rows_describe(rows, policy, other, runs, sizeof runs);
        rc = herd_errf(err, err_size, HERD_ENOTFOUND, "%s: no run of %s",
                       herd_sweep_rows_source(rows), runs);
    }
    return (herd_status)rc;
}

/* The numbers d[0..n) grouped by point, in their order within a point: the numbers of point
 * j are into[end[j - 1] .. end[j]) (from 0 for j = 0); those of points from n_points on are
 * left out. */
static void group_by_point(const herd_sweep_rows *rows, const double *d, const size_t *row_of,
                           size_t n, long n_points, double *into, size_t *end)
{
    for (long j = 0; j < n_points; j++)
        end[j] = 0;
    for (size_t i = 0; i < n; i++) {
        long j = rows->point[row_of[i]];
        if (j < n_points)
            end[j]++;
    }
    size_t start = 0;
    for (long j = 0; j < n_points; j++) {
        size_t count = end[j];
        end[j] = start;
        start += count;
    }
    for (size_t i = 0; i < n; i++) {
        long j = rows->point[row_of[i]];
        if (j < n_points)
            into[end[j]++] = d[i];
    }
}

static int point_means(const herd_sweep_rows *rows, const double *grouped, const size_t *end,
                       size_t policy, size_t other, long n_points, double *f, char *err,
                       size_t err_size)
{
    for (long j = 0; j < n_points; j++)
        if (end[j] == (j > 0 ? end[j - 1] : 0)) {
            char runs[256];
            herd_sweep_rows_describe(rows, policy, other, runs, sizeof runs);
            return herd_errf(err, err_size, HERD_ENOTFOUND, "%s: design point %ld has no run "
                             "of %s", herd_sweep_rows_source(rows), j, runs);
        }
    for (long j = 0; j < n_points; j++) {
        size_t begin = j > 0 ? end[j - 1] : 0;
        herd_interval iv;
        int rc = herd_stats_interval(grouped + begin, 1, end[j] - begin, MEAN_LEVEL, &iv);
        if (rc != HERD_OK)
            return herd_errf(err, err_size, rc, "%s: design point %ld: no mean",
                             herd_sweep_rows_source(rows), j);
        f[j] = iv.mean;
    }
    return HERD_OK;
}

herd_status herd_sweep_rows_output(const herd_sweep_rows *rows, const double *value,
                                   size_t stride, size_t policy, size_t other, long n_points,
                                   double *f, char *err, size_t err_size)
{
    if (f == NULL || n_points < 1)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: f is NULL or n_points %ld; "
                         "expected >= 1", n_points);
    int rc = check_args(rows, value, stride, policy, other, err, err_size);
    if (rc != HERD_OK)
        return (herd_status)rc;
    double *d = calloc(rows->n, 2 * sizeof *d);
    size_t *row_of = calloc(rows->n, sizeof *row_of);
    size_t *end = calloc((size_t)n_points, sizeof *end);
    size_t n = 0;
    rc = d != NULL && row_of != NULL && end != NULL
             ? collect(rows, value, stride, policy, other, d, row_of, &n, err, err_size)
             : herd_errf(err, err_size, HERD_ENOMEM, "sweep rows: out of memory");
    if (rc == HERD_OK) {
        group_by_point(rows, d, row_of, n, n_points, d + rows->n, end);
        rc = point_means(rows, d + rows->n, end, policy, other, n_points, f, err, err_size);
    }
    free(d);
    free(row_of);
    free(end);
    return (herd_status)rc;
}
