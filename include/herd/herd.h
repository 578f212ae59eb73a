#ifndef HERD_H
#define HERD_H

#include "herd/version.h"
#include "herd/error.h"
#include "herd/alloc.h"
#include "herd/rng.h"
#include "herd/params.h"
#include "herd/policy.h"
#include "herd/org.h"
#include "herd/metrics.h"
#include "herd/sim.h"
#include "herd/checkpoint.h"
#include "herd/classic.h"
#include "herd/scenario.h"
#include "herd/io.h"
#include "herd/sqlite.h"
#include "herd/compare.h"
#include "herd/plugin.h"
#include "herd/optimise.h"
#include "herd/stats.h"
#include "herd/design.h"
#include "herd/sensitivity.h"
#include "herd/facts.h"
#include "herd/robust.h"
#include "herd/calibrate.h"

#endif
