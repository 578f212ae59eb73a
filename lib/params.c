#include "herd/params.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "errmsg.h"
#include "numfmt.h"
#include "herd/error.h"

static const herd_param_info param_table[] = {
#define HERD_PARAM_ROW_(type, name, def, lo, hi, plo, phi, unit, doc) \
    {#name, HERD_PARAM_##type, def, lo, hi, plo, phi, unit, doc, offsetof(herd_params, name)},
    HERD_PARAMS_TABLE(HERD_PARAM_ROW_)
#undef HERD_PARAM_ROW_
};

enum { PARAM_COUNT = sizeof param_table / sizeof param_table[0] };

/* Agents a simulation may hold: indices are 32-bit in the network. */
#define MAX_AGENTS 2000000000.0
/* Ties the whole network may hold, clique teams' implied ones too: 16 GB of targets as a
 * network kept whole, herd_sim_network or a checkpoint holds them. */
#define MAX_TIES 4000000000.0

size_t herd_params_count(void)
{
    return PARAM_COUNT;
}

const herd_param_info *herd_params_info(size_t i)
{
    return i < PARAM_COUNT ? &param_table[i] : NULL;
}

const herd_param_info *herd_params_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < PARAM_COUNT; i++)
        if (strcmp(param_table[i].name, name) == 0)
            return &param_table[i];
    return NULL;
}

double herd_params_get(const herd_params *p, const herd_param_info *info)
{
    if (p == NULL || info == NULL)
        return NAN;
    const char *field = (const char *)p + info->offset;
    if (info->kind == HERD_PARAM_INT) {
        long v;
        memcpy(&v, field, sizeof v);
        return (double)v;
    }
    double v;
    memcpy(&v, field, sizeof v);
    return v;
}

herd_status herd_params_set(herd_params *p, const herd_param_info *info, double value)
{
    if (p == NULL || info == NULL)
        return HERD_EINVAL;
    char *field = (char *)p + info->offset;
    if (info->kind == HERD_PARAM_INT) {
        if (!isfinite(value) || value != floor(value) || fabs(value) > 1e15)
            return HERD_ERANGE;
        long v = (long)value;
        memcpy(field, &v, sizeof v);
        return HERD_OK;
    }
    memcpy(field, &value, sizeof value);
    return HERD_OK;
}

void herd_params_default(herd_params *p)
{
    for (size_t i = 0; i < PARAM_COUNT; i++)
        herd_params_set(p, &param_table[i], param_table[i].def);
}

HERD_PRINTF(3, 4)
static int refuse(char *msg, size_t msg_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    herd_verrf(msg, msg_size, HERD_ERANGE, fmt, ap);
    va_end(ap);
    return HERD_ERANGE;
}

herd_status herd_params_check(const herd_param_info *info, double value, char *msg,
                              size_t msg_size)
{
    if (info == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "no parameter given");
    if (!isfinite(value))
        return refuse(msg, msg_size, "%s = %g is not a finite number", info->name, value);
    if (info->kind == HERD_PARAM_INT && value != floor(value)) {
        char text[HERD_NUMFMT_SIZE];
        herd_numfmt_shortest(value, text);
        return refuse(msg, msg_size, "%s = %s is not a whole number", info->name, text);
    }
    if (value < info->min || value > info->max)
        return herd_err_outside(msg, msg_size, info->name, value, info->min, info->max);
    return HERD_OK;
}

/* A beta distribution with this mean needs sd^2 < mean (1 - mean). The keys are named as a
 * scenario writes them: leader_skill is the mean of leader_skill_sd's distribution. */
static int check_beta(const char *mean_key, double mean, const char *sd_key, double sd,
                      char *msg, size_t msg_size)
{
    if (sd * sd >= mean * (1 - mean))
        return refuse(msg, msg_size, "%s = %g is too large for %s = %g: it must be below %g",
                      sd_key, sd, mean_key, mean, sqrt(mean * (1 - mean)));
    return HERD_OK;
}

#define CHECK_BETA(mean, sd) check_beta(#mean, p->mean, #sd, p->sd, msg, msg_size)

static int check_consistency(const herd_params *p, char *msg, size_t msg_size)
{
    int rc;
    if ((rc = CHECK_BETA(skill_mean, skill_sd)) ||
        (rc = CHECK_BETA(engagement_mean, engagement_sd)) ||
        (rc = CHECK_BETA(initiative_mean, initiative_sd)) ||
        (rc = CHECK_BETA(bond_mean, bond_sd)) ||
        (rc = CHECK_BETA(hire_skill_mean, hire_skill_sd)) ||
        (rc = CHECK_BETA(leader_skill, leader_skill_sd)))
        return rc;
    double agents = (double)p->n_teams * (double)p->team_size;
    if (agents > MAX_AGENTS)
        return refuse(msg, msg_size,
                      "n_teams = %ld x team_size = %ld = %.0f agents exceeds the limit of %.0f",
                      p->n_teams, p->team_size, agents, MAX_AGENTS);
    double ties = agents * ((double)(p->team_size - 1) * p->ties_within + p->ties_across);
    if (ties > MAX_TIES)
        return refuse(msg, msg_size,
                      "n_teams = %ld, team_size = %ld with ties_within = %g and ties_across = %g "
                      "give about %.3g ties, more than the limit of %.3g",
                      p->n_teams, p->team_size, p->ties_within, p->ties_across, ties, MAX_TIES);
    return HERD_OK;
}

herd_status herd_params_validate(const herd_params *p, char *msg, size_t msg_size)
{
    if (p == NULL) {
        refuse(msg, msg_size, "no parameters given");
        return HERD_EINVAL;
    }
    for (size_t i = 0; i < PARAM_COUNT; i++) {
        int rc = herd_params_check(&param_table[i], herd_params_get(p, &param_table[i]), msg,
                                   msg_size);
        if (rc != HERD_OK)
            return rc;
    }
    return check_consistency(p, msg, msg_size);
}
