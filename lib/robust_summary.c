/* Shares and drivers of a robustness study (include/herd/robust.h). */
#include <math.h>
#include <stdlib.h>

#include "errmsg.h"
#include "herd/robust.h"
#include "herd/sensitivity.h"

static int bad_check(const herd_robust *r, size_t f, size_t check)
{
    const herd_fact *fact = herd_robust_fact(r, f);
    return fact == NULL || (check != HERD_ROBUST_ALL_CHECKS && check >= fact->n_checks);
}

static int holds(const herd_fact_result *res, size_t check)
{
    return check == HERD_ROBUST_ALL_CHECKS ? res->holds : res->check_holds[check];
}

static int in_half(const herd_robust *r, long j, size_t factor, int half)
{
    if (factor == (size_t)-1)
        return 1;
    const herd_param_info *p = herd_robust_factor(r, factor);
    int upper = herd_robust_value(r, j, factor) > (p->low + p->high) / 2;
    return upper == (half != 0);
}

herd_status herd_robust_share(const herd_robust *r, size_t f, size_t check, size_t factor,
                              int half, double *share)
{
    if (r == NULL || share == NULL || bad_check(r, f, check) ||
        (factor != (size_t)-1 && factor >= herd_robust_n_factors(r)))
        return HERD_EINVAL;
    long n = 0, yes = 0;
    for (long j = 0; j < herd_robust_n_points(r); j++) {
        if (!in_half(r, j, factor, half))
            continue;
        n++;
        yes += holds(herd_robust_result(r, j, f), check);
    }
    *share = n > 0 ? (double)yes / (double)n : NAN;
    return HERD_OK;
}

static void order_by_size(const double *src, size_t *order, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        size_t j = i;
        for (; j > 0 && fabs(src[order[j - 1]]) < fabs(src[i]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

herd_status herd_robust_drivers(const herd_robust *r, size_t f, size_t check, double *src,
                                size_t *order, double *r2, char *err, size_t err_size)
{
    if (r == NULL || src == NULL || order == NULL || r2 == NULL || bad_check(r, f, check))
        return herd_errf(err, err_size, HERD_EINVAL, "robustness drivers: no study, no place "
                         "for the result, or fact %zu check %zu out of range", f, check);
    size_t n = (size_t)herd_robust_n_points(r), k = herd_robust_n_factors(r);
    double *x = malloc(n * k * sizeof *x), *y = malloc(n * sizeof *y);
    herd_status rc = HERD_ENOMEM;
    if (x != NULL && y != NULL) {
        for (size_t j = 0; j < n; j++) {
            const herd_fact_result *res = herd_robust_result(r, (long)j, f);
            y[j] = check == HERD_ROBUST_ALL_CHECKS ? res->holds : res->diff[check].mean;
            for (size_t i = 0; i < k; i++)
                x[j * k + i] = herd_robust_value(r, (long)j, i);
        }
        rc = herd_sensitivity_src(x, y, n, k, src, r2, err, err_size);
    } else {
        herd_errf(err, err_size, rc, "robustness drivers: out of memory");
    }
    free(x);
    free(y);
    if (rc == HERD_OK)
        order_by_size(src, order, k);
    return rc;
}
