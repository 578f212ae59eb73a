/* Points of the attention simplex: stances, the uniform map from the unit cube, and the
 * additive log-ratio coordinates Nelder-Mead moves in. */
#include <math.h>
#include <string.h>

#include "optimise_internal.h"

size_t herd_opt_components(const herd_optimise_settings *s)
{
    return s->full_budget ? HERD_SHARES : HERD_SHARES + 1;
}

void herd_opt_stance(const double *x, int front_mode, herd_stance *out)
{
    memset(out, 0, sizeof *out);
    out->direction = x[0];
    out->support = x[1];
    out->recognition = x[2];
    out->own_work = x[3];
    out->delegation = x[4];
    out->collaboration = x[5];
    out->training = x[6];
    out->plan = x[7];
    out->front_mode = front_mode;
}

int herd_opt_same_stance(const herd_stance *a, const herd_stance *b)
{
    double x[HERD_SHARES + 1], y[HERD_SHARES + 1];
    herd_opt_point(a, HERD_SHARES + 1, x);
    herd_opt_point(b, HERD_SHARES + 1, y);
    return a->front_mode == b->front_mode && herd_opt_same_point(x, y, HERD_SHARES);
}

int herd_opt_same_point(const double *x, const double *y, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (!(fabs(x[i] - y[i]) <= HERD_OPT_FLOOR))
            return 0;
    return 1;
}

void herd_opt_point(const herd_stance *st, size_t k, double *x)
{
    const double shares[HERD_SHARES] = {st->direction,  st->support,       st->recognition,
                                        st->own_work,   st->delegation,    st->collaboration,
                                        st->training,   st->plan};
    double sum = herd_stance_attention(st);
    double scale = sum > 1 || (k == HERD_SHARES && sum > 0) ? 1 / sum : 1;
    double used = 0;
    for (size_t i = 0; i < HERD_SHARES; i++) {
        x[i] = sum > 0 ? shares[i] * scale : 1.0 / HERD_SHARES;
        used += x[i];
    }
    if (k > HERD_SHARES)
        x[HERD_SHARES] = used < 1 ? 1 - used : 0;
}

void herd_opt_from_unit(const double *u, size_t k, double *x)
{
    double sum = 0;
    for (size_t i = 0; i < k; i++) {
        x[i] = -log1p(-fmin(u[i], 1 - 1e-12));
        sum += x[i];
    }
    for (size_t i = 0; i < k; i++)
        x[i] = sum > 0 ? x[i] / sum : 1.0 / (double)k;
}

void herd_opt_alr(const double *x, size_t k, double *y)
{
    double ref = log(fmax(x[k - 1], HERD_OPT_FLOOR));
    for (size_t i = 0; i + 1 < k; i++)
        y[i] = log(fmax(x[i], HERD_OPT_FLOOR)) - ref;
}

void herd_opt_alr_inverse(const double *y, size_t k, double *x)
{
    double top = 0;
    for (size_t i = 0; i + 1 < k; i++)
        top = fmax(top, y[i]);
    double sum = exp(-top);
    x[k - 1] = sum;
    for (size_t i = 0; i + 1 < k; i++) {
        x[i] = exp(y[i] - top);
        sum += x[i];
    }
    for (size_t i = 0; i < k; i++)
        x[i] /= sum;
}
