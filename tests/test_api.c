/* The whole API against NULL (docs/API.md, "NULL and the neutral values"): every public
 * function called with NULL for each pointer it takes, first all at once, then one at a
 * time beside valid arguments. A function that returns a status returns HERD_EINVAL, a
 * getter its neutral value, a function that returns nothing does nothing. Each case runs in
 * its own process (Check's fork), so a crash names its function. tests/api_names.sh checks
 * that every function the headers declare has its case here. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "herd/herd.h"
#include "runner.h"

#define IS_EINVAL(call) return (call) == HERD_EINVAL
#define PTR(call) return (call) == NULL
#define NAN_(call) return isnan(call)
#define ZERO(call) return (call) == 0
#define MINUS1(call) return (call) == -1
#define STR(call, text) return strcmp((call), (text)) == 0
#define NONE(call) return (void)(call), 1

/* X(function, what it gives for NULL) */
#define ALL_NULL(X) \
    X(herd_sim_save, IS_EINVAL(herd_sim_save(NULL, NULL))) \
    X(herd_sim_save_with, IS_EINVAL(herd_sim_save_with(NULL, NULL, NULL))) \
    X(herd_sim_write, IS_EINVAL(herd_sim_write(NULL, NULL, NULL))) \
    X(herd_policy_resolve_list, PTR(herd_policy_resolve_list(NULL, NULL))) \
    X(herd_sim_load, IS_EINVAL(herd_sim_load(NULL, NULL, NULL))) \
    X(herd_sim_load_with, IS_EINVAL(herd_sim_load_with(NULL, NULL, NULL))) \
    X(herd_sim_seed, ZERO(herd_sim_seed(NULL))) \
    X(herd_classic_march_default, NONE(herd_classic_march_default(NULL))) \
    X(herd_classic_march_validate, IS_EINVAL(herd_classic_march_validate(NULL, NULL, 0))) \
    X(herd_classic_march_run, IS_EINVAL(herd_classic_march_run(NULL, 0, NULL, NULL, NULL, NULL, 0))) \
    X(herd_classic_march_replicate, IS_EINVAL(herd_classic_march_replicate(NULL, 0, 0, NULL, NULL, 0))) \
    X(herd_classic_march_summarise, IS_EINVAL(herd_classic_march_summarise(NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_classic_hongpage_default, NONE(herd_classic_hongpage_default(NULL))) \
    X(herd_classic_hongpage_validate, IS_EINVAL(herd_classic_hongpage_validate(NULL, NULL, 0))) \
    X(herd_classic_hongpage_run, IS_EINVAL(herd_classic_hongpage_run(NULL, 0, NULL, NULL, 0))) \
    X(herd_classic_hongpage_replicate, IS_EINVAL(herd_classic_hongpage_replicate(NULL, 0, 0, NULL, NULL, 0))) \
    X(herd_classic_lazer_default, NONE(herd_classic_lazer_default(NULL))) \
    X(herd_classic_lazer_validate, IS_EINVAL(herd_classic_lazer_validate(NULL, NULL, 0))) \
    X(herd_classic_lazer_run, IS_EINVAL(herd_classic_lazer_run(NULL, 0, NULL, NULL, NULL, 0))) \
    X(herd_classic_lazer_replicate, IS_EINVAL(herd_classic_lazer_replicate(NULL, 0, 0, NULL, NULL, NULL, NULL, 0))) \
    X(herd_classic_lazer_summarise, IS_EINVAL(herd_classic_lazer_summarise(NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0))) \
    X(herd_classic_network_name, NONE(herd_classic_network_name(0))) \
    X(herd_classic_network_find, IS_EINVAL(herd_classic_network_find(NULL, NULL))) \
    X(herd_compare_settings_default, NONE(herd_compare_settings_default(NULL))) \
    X(herd_compare_settings_check, IS_EINVAL(herd_compare_settings_check(NULL, NULL, 0))) \
    X(herd_compare_run, IS_EINVAL(herd_compare_run(NULL, NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_compare_free, NONE(herd_compare_free(NULL))) \
    X(herd_compare_arms_check, IS_EINVAL(herd_compare_arms_check(NULL, NULL, 0, NULL, 0))) \
    X(herd_compare_n_policies, ZERO(herd_compare_n_policies(NULL))) \
    X(herd_compare_policy_name, PTR(herd_compare_policy_name(NULL, 0))) \
    X(herd_compare_n_reps, ZERO(herd_compare_n_reps(NULL))) \
    X(herd_compare_n_ticks, ZERO(herd_compare_n_ticks(NULL))) \
    X(herd_compare_scenario, PTR(herd_compare_scenario(NULL))) \
    X(herd_compare_seed, ZERO(herd_compare_seed(NULL, 0))) \
    X(herd_compare_n_metrics, ZERO(herd_compare_n_metrics(NULL))) \
    X(herd_compare_metric_info, PTR(herd_compare_metric_info(NULL, 0))) \
    X(herd_compare_find_metric, IS_EINVAL(herd_compare_find_metric(NULL, NULL, NULL))) \
    X(herd_compare_value, NAN_(herd_compare_value(NULL, 0, 0, 0))) \
    X(herd_compare_records, PTR(herd_compare_records(NULL, 0, 0))) \
    X(herd_compare_interval, IS_EINVAL(herd_compare_interval(NULL, 0, 0, NULL))) \
    X(herd_compare_difference, IS_EINVAL(herd_compare_difference(NULL, 0, 0, 0, NULL))) \
    X(herd_compare_series, IS_EINVAL(herd_compare_series(NULL, 0, 0, NULL, NULL))) \
    X(herd_sweep_resolve, IS_EINVAL(herd_sweep_resolve(NULL, NULL, 0, NULL, 0))) \
    X(herd_sweep_run, IS_EINVAL(herd_sweep_run(NULL, NULL, NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_sweep_free, NONE(herd_sweep_free(NULL))) \
    X(herd_sweep_check, IS_EINVAL(herd_sweep_check(NULL, NULL, 0, NULL, 0))) \
    X(herd_sweep_n_points, ZERO(herd_sweep_n_points(NULL))) \
    X(herd_sweep_n_runs, MINUS1(herd_sweep_n_runs(NULL, 0, 0))) \
    X(herd_sweep_run_key_of, IS_EINVAL(herd_sweep_run_key_of(NULL, 0, 0, 0, 0, NULL))) \
    X(herd_sweep_csv_header, IS_EINVAL(herd_sweep_csv_header(NULL, 1, NULL, 0, NULL))) \
    X(herd_sweep_csv_run, IS_EINVAL(herd_sweep_csv_run(NULL, NULL, NULL, 0, NULL, 0, NULL))) \
    X(herd_sweep_csv_outputs, IS_EINVAL(herd_sweep_csv_outputs(NULL, NULL, 0, NULL))) \
    X(herd_sweep_n_factors, ZERO(herd_sweep_n_factors(NULL))) \
    X(herd_sweep_factor, PTR(herd_sweep_factor(NULL, 0))) \
    X(herd_sweep_value, NAN_(herd_sweep_value(NULL, 0, 0))) \
    X(herd_sweep_point, PTR(herd_sweep_point(NULL, 0))) \
    X(herd_sweep_output, IS_EINVAL(herd_sweep_output(NULL, 0, 0, 0, NULL))) \
    X(herd_sweep_rows_runs, IS_EINVAL(herd_sweep_rows_runs(NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, 0))) \
    X(herd_sweep_rows_output, IS_EINVAL(herd_sweep_rows_output(NULL, NULL, 0, 0, 0, 0, NULL, NULL, 0))) \
    X(herd_sweep_rows_check, IS_EINVAL(herd_sweep_rows_check(NULL, NULL, 0))) \
    X(herd_sweep_rows_spread, IS_EINVAL(herd_sweep_rows_spread(NULL, NULL, 0, 0, NULL, NULL, 0))) \
    X(herd_sweep_rows_src, IS_EINVAL(herd_sweep_rows_src(NULL, NULL, 0, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0))) \
    X(herd_sweep_rows_base_samples, MINUS1(herd_sweep_rows_base_samples(NULL, 0))) \
    X(herd_sweep_rows_sobol, IS_EINVAL(herd_sweep_rows_sobol(NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, 0))) \
    X(herd_regime_run, IS_EINVAL(herd_regime_run(NULL, NULL, NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_regime_free, NONE(herd_regime_free(NULL))) \
    X(herd_regime_steps, ZERO(herd_regime_steps(NULL, 0))) \
    X(herd_regime_axis_value, NAN_(herd_regime_axis_value(NULL, 0, 0))) \
    X(herd_regime_axis_key, PTR(herd_regime_axis_key(NULL, 0))) \
    X(herd_regime_cell, PTR(herd_regime_cell(NULL, 0, 0))) \
    X(herd_regime_result_of, IS_EINVAL(herd_regime_result_of(NULL, 0, 0, 0, NULL))) \
    X(herd_factor_parse, IS_EINVAL(herd_factor_parse(NULL, NULL, NULL, 0))) \
    X(herd_compare_run_one, IS_EINVAL(herd_compare_run_one(NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_sweep_point_scenario, IS_EINVAL(herd_sweep_point_scenario(NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0))) \
    X(herd_io_number, ZERO(herd_io_number(0, NULL))) \
    X(herd_io_seed, ZERO(herd_io_seed(0, NULL))) \
    X(herd_io_csv_text, IS_EINVAL(herd_io_csv_text(NULL, NULL))) \
    X(herd_io_csv_number, IS_EINVAL(herd_io_csv_number(NULL, 0))) \
    X(herd_io_csv_record, IS_EINVAL(herd_io_csv_record(NULL, NULL))) \
    X(herd_io_team_csv_header, IS_EINVAL(herd_io_team_csv_header(NULL))) \
    X(herd_io_team_csv_rows, IS_EINVAL(herd_io_team_csv_rows(NULL, NULL, 0, 0, NULL, 0))) \
    X(herd_io_team_csv_observer, IS_EINVAL(herd_io_team_csv_observer(NULL, NULL))) \
    X(herd_sim_team_records, IS_EINVAL(herd_sim_team_records(NULL, NULL, 0))) \
    X(herd_calibrate, IS_EINVAL(herd_calibrate(NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, 0))) \
    X(herd_calibrate_min_evals, IS_EINVAL(herd_calibrate_min_evals(NULL, 0, NULL, NULL, 0))) \
    X(herd_calibrate_settings_default, NONE(herd_calibrate_settings_default(NULL))) \
    X(herd_calibration_after, PTR(herd_calibration_after(NULL))) \
    X(herd_calibration_before, PTR(herd_calibration_before(NULL))) \
    X(herd_calibration_evals, ZERO(herd_calibration_evals(NULL))) \
    X(herd_calibration_fitted, ZERO(herd_calibration_fitted(NULL, 0))) \
    X(herd_calibration_free, NONE(herd_calibration_free(NULL))) \
    X(herd_calibration_free_param, PTR(herd_calibration_free_param(NULL, 0))) \
    X(herd_calibration_n_free, ZERO(herd_calibration_n_free(NULL))) \
    X(herd_calibration_objective, NAN_(herd_calibration_objective(NULL, 0))) \
    X(herd_calibration_range, NONE(herd_calibration_range(NULL, 0, NULL, NULL))) \
    X(herd_calibration_value, PTR(herd_calibration_value(NULL, 0, 0))) \
    X(herd_catalog_load_plugin, IS_EINVAL(herd_catalog_load_plugin(NULL, NULL, NULL, 0))) \
    X(herd_catalog_plugin_of, PTR(herd_catalog_plugin_of(NULL, NULL))) \
    X(herd_catalog_plugin_path, PTR(herd_catalog_plugin_path(NULL, NULL))) \
    X(herd_fact_check_valid, IS_EINVAL(herd_fact_check_valid(NULL, NULL, 0))) \
    X(herd_fact_evaluate, IS_EINVAL(herd_fact_evaluate(NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_fact_scenario, IS_EINVAL(herd_fact_scenario(NULL, NULL, NULL, NULL, 0))) \
    X(herd_facts_count, NONE(herd_facts_count())) \
    X(herd_facts_find, PTR(herd_facts_find(NULL))) \
    X(herd_facts_get, NONE(herd_facts_get(0))) \
    X(herd_optimise_check, IS_EINVAL(herd_optimise_check(NULL, NULL, NULL, 0))) \
    X(herd_optimise_check_metric, IS_EINVAL(herd_optimise_check_metric(NULL, NULL, NULL, 0))) \
    X(herd_optimise_min_budget, MINUS1(herd_optimise_min_budget(NULL))) \
    X(herd_optimise_parse_bound, IS_EINVAL(herd_optimise_parse_bound(NULL, NULL, NULL, 0))) \
    X(herd_optimise_parse_weights, IS_EINVAL(herd_optimise_parse_weights(NULL, NULL, NULL, 0))) \
    X(herd_optimise_run, IS_EINVAL(herd_optimise_run(NULL, NULL, NULL, NULL, 0))) \
    X(herd_optimise_settings_default, NONE(herd_optimise_settings_default(NULL))) \
    X(herd_optimise_simplex, IS_EINVAL(herd_optimise_simplex(0, NULL, NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_simplex_settings_default, NONE(herd_simplex_settings_default(NULL))) \
    X(herd_optimise_threshold, NONE(herd_optimise_threshold(0))) \
    X(herd_optimum_arm, ZERO(herd_optimum_arm(NULL))) \
    X(herd_optimum_arm_style, PTR(herd_optimum_arm_style(NULL, 0))) \
    X(herd_optimum_candidate_at, IS_EINVAL(herd_optimum_candidate_at(NULL, 0, NULL))) \
    X(herd_optimum_compare, PTR(herd_optimum_compare(NULL))) \
    X(herd_optimum_feasible, ZERO(herd_optimum_feasible(NULL))) \
    X(herd_optimum_free, NONE(herd_optimum_free(NULL))) \
    X(herd_optimum_map_axis_key, PTR(herd_optimum_map_axis_key(NULL, 0))) \
    X(herd_optimum_map_axis_value, NAN_(herd_optimum_map_axis_value(NULL, 0, 0))) \
    X(herd_optimum_map_cell, PTR(herd_optimum_map_cell(NULL, 0, 0))) \
    X(herd_optimum_map_free, NONE(herd_optimum_map_free(NULL))) \
    X(herd_optimum_map_run, IS_EINVAL(herd_optimum_map_run(NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_optimum_map_steps, ZERO(herd_optimum_map_steps(NULL, 0))) \
    X(herd_optimum_margin, IS_EINVAL(herd_optimum_margin(NULL, 0, NULL))) \
    X(herd_optimum_n_candidates, ZERO(herd_optimum_n_candidates(NULL))) \
    X(herd_optimum_n_finalists, ZERO(herd_optimum_n_finalists(NULL))) \
    X(herd_optimum_objective, IS_EINVAL(herd_optimum_objective(NULL, 0, NULL))) \
    X(herd_optimum_runs, ZERO(herd_optimum_runs(NULL))) \
    X(herd_optimum_stance, PTR(herd_optimum_stance(NULL))) \
    X(herd_optimum_style, PTR(herd_optimum_style(NULL))) \
    X(herd_robust_drivers, IS_EINVAL(herd_robust_drivers(NULL, 0, 0, NULL, NULL, NULL, NULL, 0))) \
    X(herd_robust_fact, PTR(herd_robust_fact(NULL, 0))) \
    X(herd_robust_factor, PTR(herd_robust_factor(NULL, 0))) \
    X(herd_robust_free, NONE(herd_robust_free(NULL))) \
    X(herd_robust_n_factors, ZERO(herd_robust_n_factors(NULL))) \
    X(herd_robust_n_facts, ZERO(herd_robust_n_facts(NULL))) \
    X(herd_robust_min_points, IS_EINVAL(herd_robust_min_points(NULL, NULL, NULL, 0))) \
    X(herd_robust_n_points, ZERO(herd_robust_n_points(NULL))) \
    X(herd_robust_result, PTR(herd_robust_result(NULL, 0, 0))) \
    X(herd_robust_run, IS_EINVAL(herd_robust_run(NULL, NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_robust_settings_default, NONE(herd_robust_settings_default(NULL))) \
    X(herd_robust_share, IS_EINVAL(herd_robust_share(NULL, 0, 0, 0, 0, NULL))) \
    X(herd_robust_value, NAN_(herd_robust_value(NULL, 0, 0))) \
    X(herd_robust_varies, IS_EINVAL(herd_robust_varies(NULL, NULL, NULL, NULL, 0))) \
    X(herd_style_stage, ZERO(herd_style_stage(NULL, 0, 0, 0))) \
    X(herd_target_lands, MINUS1(herd_target_lands(NULL, 0))) \
    X(herd_targets_check, IS_EINVAL(herd_targets_check(NULL, NULL, NULL, NULL, 0))) \
    X(herd_targets_count, NONE(herd_targets_count())) \
    X(herd_targets_find, return herd_targets_find(NULL) == (size_t)-1) \
    X(herd_targets_get, NONE(herd_targets_get(0))) \
    X(herd_targets_measure, IS_EINVAL(herd_targets_measure(NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_targets_settings_default, NONE(herd_targets_settings_default(NULL))) \
    X(herd_factor_check, IS_EINVAL(herd_factor_check(NULL, NULL, 0))) \
    X(herd_design_kind_parse, IS_EINVAL(herd_design_kind_parse(NULL, NULL))) \
    X(herd_design_kind_name, NONE(herd_design_kind_name(0))) \
    X(herd_design_new, IS_EINVAL(herd_design_new(NULL, 0, NULL, 0, 0, 0, NULL, 0))) \
    X(herd_design_free, NONE(herd_design_free(NULL))) \
    X(herd_design_kind_of, return herd_design_kind_of(NULL) == HERD_DESIGN_GRID) \
    X(herd_design_points, ZERO(herd_design_points(NULL))) \
    X(herd_design_n_factors, ZERO(herd_design_n_factors(NULL))) \
    X(herd_design_factor, PTR(herd_design_factor(NULL, 0))) \
    X(herd_design_seed, return herd_design_seed(NULL, 5, 7, 1) == herd_seed_derive(herd_seed_derive(5, 7), 1)) \
    X(herd_design_seed_point, return herd_design_seed_point(NULL, 7) == 7) \
    X(herd_design_cursor_new, IS_EINVAL(herd_design_cursor_new(NULL, NULL))) \
    X(herd_design_cursor_free, NONE(herd_design_cursor_free(NULL))) \
    X(herd_design_cursor_point, IS_EINVAL(herd_design_cursor_point(NULL, 0, NULL, NULL))) \
    X(herd_strerror, NONE(herd_strerror(0))) \
    X(herd_status_name, NONE(herd_status_name(0))) \
    X(herd_io_csv_header, IS_EINVAL(herd_io_csv_header(NULL))) \
    X(herd_io_csv_row, IS_EINVAL(herd_io_csv_row(NULL, NULL, 0, 0, NULL))) \
    X(herd_io_csv_observer, IS_EINVAL(herd_io_csv_observer(NULL, NULL))) \
    X(herd_io_atomic_options_default, NONE(herd_io_atomic_options_default(NULL))) \
    X(herd_io_atomic_open, IS_EINVAL(herd_io_atomic_open(NULL, NULL, NULL, 0))) \
    X(herd_io_atomic_open_with, IS_EINVAL(herd_io_atomic_open_with(NULL, NULL, NULL, NULL, 0))) \
    X(herd_io_atomic_file, PTR(herd_io_atomic_file(NULL))) \
    X(herd_io_atomic_temp, PTR(herd_io_atomic_temp(NULL))) \
    X(herd_io_atomic_path, PTR(herd_io_atomic_path(NULL))) \
    X(herd_io_atomic_sync, IS_EINVAL(herd_io_atomic_sync(NULL, NULL, 0))) \
    X(herd_io_atomic_commit, IS_EINVAL(herd_io_atomic_commit(NULL, NULL, 0))) \
    X(herd_io_atomic_keep, IS_EINVAL(herd_io_atomic_keep(NULL, NULL, 0))) \
    X(herd_io_atomic_abort, NONE(herd_io_atomic_abort(NULL))) \
    X(herd_io_writable, IS_EINVAL(herd_io_writable(NULL, NULL, 0))) \
    X(herd_io_same_destination, ZERO(herd_io_same_destination(NULL, NULL))) \
    X(herd_io_folder_check, IS_EINVAL(herd_io_folder_check(NULL, NULL, 0))) \
    X(herd_io_make_folder, IS_EINVAL(herd_io_make_folder(NULL, NULL, 0))) \
    X(herd_io_make_parents, IS_EINVAL(herd_io_make_parents(NULL, NULL, 0))) \
    X(herd_io_move, IS_EINVAL(herd_io_move(NULL, NULL, NULL, 0))) \
    X(herd_io_remove, IS_EINVAL(herd_io_remove(NULL, NULL, 0))) \
    X(herd_io_lock_take, IS_EINVAL(herd_io_lock_take(NULL, NULL, NULL, 0))) \
    X(herd_io_lock_release, NONE(herd_io_lock_release(NULL))) \
    X(herd_sqlite_options_default, NONE(herd_sqlite_options_default(NULL))) \
    X(herd_sqlite_open, IS_EINVAL(herd_sqlite_open(NULL, NULL, NULL, NULL, 0))) \
    X(herd_sqlite_writable, IS_EINVAL(herd_sqlite_writable(NULL, NULL, 0))) \
    X(herd_sqlite_record, IS_EINVAL(herd_sqlite_record(NULL, NULL, 0, 0, NULL))) \
    X(herd_sqlite_team_records, IS_EINVAL(herd_sqlite_team_records(NULL, NULL, 0, 0, NULL, 0))) \
    X(herd_sqlite_summary, IS_EINVAL(herd_sqlite_summary(NULL, NULL, 0, 0, NULL))) \
    X(herd_sqlite_finish, IS_EINVAL(herd_sqlite_finish(NULL))) \
    X(herd_sqlite_free, NONE(herd_sqlite_free(NULL))) \
    X(herd_sqlite_errmsg, STR(herd_sqlite_errmsg(NULL), "no database")) \
    X(herd_sqlite_observer, IS_EINVAL(herd_sqlite_observer(NULL, NULL))) \
    X(herd_sqlite_team_observer, IS_EINVAL(herd_sqlite_team_observer(NULL, NULL))) \
    X(herd_sqlite_table_sink, IS_EINVAL(herd_sqlite_table_sink(NULL, NULL))) \
    X(herd_io_csv_table_init, NONE(herd_io_csv_table_init(NULL, NULL))) \
    X(herd_io_column_type, IS_EINVAL(herd_io_column_type(NULL, NULL))) \
    X(herd_compare_write, IS_EINVAL(herd_compare_write(NULL, HERD_COMPARE_RUNS, NULL, NULL))) \
    X(herd_compare_write_series, IS_EINVAL(herd_compare_write_series(NULL, NULL, NULL, 0, NULL))) \
    X(herd_compare_write_tables, IS_EINVAL(herd_compare_write_tables(NULL, NULL, NULL))) \
    X(herd_compare_tied_names, IS_EINVAL(herd_compare_tied_names(NULL, 0, 0, NULL, 0))) \
    X(herd_regime_write, IS_EINVAL(herd_regime_write(NULL, 0, NULL))) \
    X(herd_record_info, NONE(herd_record_info(0))) \
    X(herd_summary_info, NONE(herd_summary_info(0))) \
    X(herd_record_info_count, NONE(herd_record_info_count())) \
    X(herd_summary_info_count, NONE(herd_summary_info_count())) \
    X(herd_record_find, PTR(herd_record_find(NULL))) \
    X(herd_summary_find, PTR(herd_summary_find(NULL))) \
    X(herd_summary_find_metric, PTR(herd_summary_find_metric(NULL))) \
    X(herd_record_get, NAN_(herd_record_get(NULL, NULL))) \
    X(herd_summary_get, NAN_(herd_summary_get(NULL, NULL))) \
    X(herd_metrics_summarise, IS_EINVAL(herd_metrics_summarise(NULL, 0, 0, NULL))) \
    X(herd_metrics_event_effect, IS_EINVAL(herd_metrics_event_effect(NULL, 0, 0, 0, 0, NULL))) \
    X(herd_params_default, NONE(herd_params_default(NULL))) \
    X(herd_params_validate, IS_EINVAL(herd_params_validate(NULL, NULL, 0))) \
    X(herd_params_check, IS_EINVAL(herd_params_check(NULL, 0, NULL, 0))) \
    X(herd_params_count, NONE(herd_params_count())) \
    X(herd_params_info, NONE(herd_params_info(0))) \
    X(herd_params_find, PTR(herd_params_find(NULL))) \
    X(herd_params_get, NAN_(herd_params_get(NULL, NULL))) \
    X(herd_params_set, IS_EINVAL(herd_params_set(NULL, NULL, 0))) \
    X(herd_policy_builtins, NONE(herd_policy_builtins())) \
    X(herd_policy_find, PTR(herd_policy_find(NULL))) \
    X(herd_stance_attention, ZERO(herd_stance_attention(NULL))) \
    X(herd_policy_check, IS_EINVAL(herd_policy_check(NULL))) \
    X(herd_policy_decide, IS_EINVAL(herd_policy_decide(NULL, NULL, NULL, NULL))) \
    X(herd_style_key_info, NONE(herd_style_key_info(0))) \
    X(herd_style_key_find, PTR(herd_style_key_find(NULL))) \
    X(herd_style_default, NONE(herd_style_default(NULL))) \
    X(herd_style_get, NAN_(herd_style_get(NULL, NULL))) \
    X(herd_style_set, IS_EINVAL(herd_style_set(NULL, NULL, 0))) \
    X(herd_style_validate, IS_EINVAL(herd_style_validate(NULL, NULL, 0))) \
    X(herd_style_policy, IS_EINVAL(herd_style_policy(NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_policy_style, PTR(herd_policy_style(NULL))) \
    X(herd_catalog_new, IS_EINVAL(herd_catalog_new(NULL))) \
    X(herd_catalog_add, IS_EINVAL(herd_catalog_add(NULL, NULL, NULL, 0))) \
    X(herd_catalog_find, PTR(herd_catalog_find(NULL, NULL))) \
    X(herd_catalog_count, ZERO(herd_catalog_count(NULL))) \
    X(herd_catalog_get, PTR(herd_catalog_get(NULL, 0))) \
    X(herd_catalog_free, NONE(herd_catalog_free(NULL))) \
    X(herd_pcg32_seed, NONE(herd_pcg32_seed(NULL, 0, 0))) \
    X(herd_pcg32_next, ZERO(herd_pcg32_next(NULL))) \
    X(herd_pcg32_bounded, ZERO(herd_pcg32_bounded(NULL, 0))) \
    X(herd_pcg32_double, ZERO(herd_pcg32_double(NULL))) \
    X(herd_pcg32_advance, NONE(herd_pcg32_advance(NULL, 0))) \
    X(herd_pcg64_seed, NONE(herd_pcg64_seed(NULL, (herd_u128){0}, (herd_u128){0}))) \
    X(herd_pcg64_next, ZERO(herd_pcg64_next(NULL))) \
    X(herd_pcg64_bounded, ZERO(herd_pcg64_bounded(NULL, 0))) \
    X(herd_pcg64_double, ZERO(herd_pcg64_double(NULL))) \
    X(herd_pcg64_advance, NONE(herd_pcg64_advance(NULL, (herd_u128){0}))) \
    X(herd_seed_derive, NONE(herd_seed_derive(0, 0))) \
    X(herd_seed_parse, IS_EINVAL(herd_seed_parse(NULL, NULL, NULL, 0))) \
    X(herd_pcg32_stream, NONE(herd_pcg32_stream(NULL, 0, 0))) \
    X(herd_pcg64_stream, NONE(herd_pcg64_stream(NULL, 0, 0))) \
    X(herd_scenario_new, IS_EINVAL(herd_scenario_new(NULL))) \
    X(herd_scenario_load, IS_EINVAL(herd_scenario_load(NULL, NULL, NULL, 0))) \
    X(herd_scenario_parse, IS_EINVAL(herd_scenario_parse(NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_scenario_load_with, IS_EINVAL(herd_scenario_load_with(NULL, NULL, NULL, NULL, 0))) \
    X(herd_scenario_parse_with, IS_EINVAL(herd_scenario_parse_with(NULL, NULL, 0, NULL, NULL, NULL, 0))) \
    X(herd_scenario_copy, IS_EINVAL(herd_scenario_copy(NULL, NULL))) \
    X(herd_scenario_copy_with, IS_EINVAL(herd_scenario_copy_with(NULL, NULL, NULL, NULL, 0))) \
    X(herd_scenario_new_with, IS_EINVAL(herd_scenario_new_with(NULL, NULL))) \
    X(herd_scenario_options_default, NONE(herd_scenario_options_default(NULL))) \
    X(herd_scenario_load_opts, IS_EINVAL(herd_scenario_load_opts(NULL, NULL, NULL, NULL, 0))) \
    X(herd_scenario_parse_opts, \
      IS_EINVAL(herd_scenario_parse_opts(NULL, NULL, 0, NULL, NULL, NULL, 0))) \
    X(herd_scenario_write, IS_EINVAL(herd_scenario_write(NULL, NULL))) \
    X(herd_scenario_write_string, IS_EINVAL(herd_scenario_write_string(NULL, NULL, NULL))) \
    X(herd_scenario_set, IS_EINVAL(herd_scenario_set(NULL, NULL, NULL, NULL, 0))) \
    X(herd_scenario_key_param, PTR(herd_scenario_key_param(NULL))) \
    X(herd_scenario_get_number, IS_EINVAL(herd_scenario_get_number(NULL, NULL, NULL, NULL, NULL, 0))) \
    X(herd_scenario_set_number, IS_EINVAL(herd_scenario_set_number(NULL, NULL, 0, NULL, 0))) \
    X(herd_scenario_find_policy, PTR(herd_scenario_find_policy(NULL, NULL))) \
    X(herd_scenario_style_count, ZERO(herd_scenario_style_count(NULL))) \
    X(herd_scenario_style, PTR(herd_scenario_style(NULL, 0))) \
    X(herd_scenario_validate, IS_EINVAL(herd_scenario_validate(NULL, NULL, 0))) \
    X(herd_scenario_apply, IS_EINVAL(herd_scenario_apply(NULL, NULL, NULL))) \
    X(herd_scenario_free, NONE(herd_scenario_free(NULL))) \
    X(herd_scenario_section_info, NONE(herd_scenario_section_info(0))) \
    X(herd_scenario_key_info, NONE(herd_scenario_key_info(0))) \
    X(herd_scenario_policy_label, STR(herd_scenario_policy_label(NULL, NULL), "none")) \
    X(herd_scenario_memory, ZERO(herd_scenario_memory(NULL))) \
    X(herd_scenario_check_memory, IS_EINVAL(herd_scenario_check_memory(NULL, 0, NULL, 0))) \
    X(herd_scenario_sim_new, IS_EINVAL(herd_scenario_sim_new(NULL, NULL, 0, NULL, NULL))) \
    X(herd_sensitivity_sobol, IS_EINVAL(herd_sensitivity_sobol(NULL, 0, 0, 0, 0, NULL, NULL, 0))) \
    X(herd_sensitivity_src, IS_EINVAL(herd_sensitivity_src(NULL, NULL, 0, 0, NULL, NULL, NULL, 0))) \
    X(herd_event_kind_name, NONE(herd_event_kind_name(0))) \
    X(herd_event_kind_parse, IS_EINVAL(herd_event_kind_parse(NULL, NULL))) \
    X(herd_settings_default, NONE(herd_settings_default(NULL))) \
    X(herd_sim_new, IS_EINVAL(herd_sim_new(NULL, NULL, 0))) \
    X(herd_sim_new_with, IS_EINVAL(herd_sim_new_with(NULL, NULL, 0, NULL))) \
    X(herd_sim_new_err, IS_EINVAL(herd_sim_new_err(NULL, NULL, 0, NULL, NULL, 0))) \
    X(herd_sim_free, NONE(herd_sim_free(NULL))) \
    X(herd_sim_memory_limit, NONE(herd_sim_memory_limit())) \
    X(herd_sim_set_policy, IS_EINVAL(herd_sim_set_policy(NULL, NULL))) \
    X(herd_sim_set_team_policy, IS_EINVAL(herd_sim_set_team_policy(NULL, 0, 0, NULL))) \
    X(herd_sim_add_event, IS_EINVAL(herd_sim_add_event(NULL, NULL))) \
    X(herd_sim_observe, IS_EINVAL(herd_sim_observe(NULL, NULL, NULL))) \
    X(herd_sim_set_threads, IS_EINVAL(herd_sim_set_threads(NULL, 0))) \
    X(herd_sim_step, IS_EINVAL(herd_sim_step(NULL))) \
    X(herd_sim_run, IS_EINVAL(herd_sim_run(NULL, 0))) \
    X(herd_sim_record, PTR(herd_sim_record(NULL))) \
    X(herd_sim_tick, MINUS1(herd_sim_tick(NULL))) \
    X(herd_sim_params, PTR(herd_sim_params(NULL))) \
    X(herd_sim_org, NONE(herd_sim_org(NULL, NULL))) \
    X(herd_sim_network_ties, IS_EINVAL(herd_sim_network_ties(NULL, NULL))) \
    X(herd_sim_network, IS_EINVAL(herd_sim_network(NULL, NULL, 0, NULL, 0))) \
    X(herd_sim_team_policy, PTR(herd_sim_team_policy(NULL, 0))) \
    X(herd_sim_errmsg, STR(herd_sim_errmsg(NULL), "no simulation")) \
    X(herd_sim_policy_status, ZERO(herd_sim_policy_status(NULL))) \
    X(herd_stats_interval, IS_EINVAL(herd_stats_interval(NULL, 0, 0, 0, NULL))) \
    X(herd_stats_paired_interval, IS_EINVAL(herd_stats_paired_interval(NULL, NULL, 0, 0, 0, NULL))) \
    X(herd_stats_half_width, NONE(herd_stats_half_width(0, 0, 0))) \
    X(herd_stats_prepare_threads, NONE(herd_stats_prepare_threads())) \
    X(herd_version, NONE(herd_version())) \
    X(herd_version_hex, NONE(herd_version_hex()))

/* A list of cases as functions named PREFIX_NAME and a table of them. */
typedef struct api_case {
    const char *name;
    int (*run)(void);
} api_case;

#define CASE_FN_(prefix, name, ...) \
    static int prefix##_##name(void) \
    { \
        __VA_ARGS__; \
    }
#define CASE_ROW_(prefix, name) {#name, prefix##_##name},

#define ALL_FN_(name, ...) CASE_FN_(all_null, name, __VA_ARGS__)
#define ALL_ROW_(name, ...) CASE_ROW_(all_null, name)
ALL_NULL(ALL_FN_)
static const api_case all_null[] = {ALL_NULL(ALL_ROW_)};

static void run_case(const api_case *c)
{
    ck_assert_msg(c->run(), "%s: not what docs/API.md promises for NULL", c->name);
}

START_TEST(every_function_with_every_pointer_null)
{
    run_case(&all_null[_i]);
}
END_TEST

/* One pointer NULL beside valid arguments: what the all-NULL cases cannot reach. */
static herd_params params;
static herd_record record;
static herd_summary summary;
static herd_style style;
static herd_stance stance;
static herd_sim *sim;
static herd_scenario *scenario;
static herd_catalog *catalog;
static herd_design *design;
static herd_design_cursor *cursor;
static FILE *sink;
static char db_dir[64];
static herd_io_atomic *db_file;
static herd_sqlite *db;
static herd_record teams[2];
static const long one_point[] = {0}, one_rep[] = {0};
static const size_t one_policy[] = {0};
static const char *const one_names[] = {"front"};
static const double one_value[] = {1};
static const herd_sweep_rows one_rows = {1, one_point, one_rep, one_policy, one_names, 1,
                                         NULL, NULL};

static void make_objects(void)
{
    herd_params_default(&params);
    params.n_teams = 2;
    params.team_size = 3;
    herd_style_default(&style);
    ck_assert_int_eq(herd_sim_new(&sim, &params, 1), HERD_OK);
    ck_assert_int_eq(herd_scenario_new(&scenario), HERD_OK);
    ck_assert_int_eq(herd_catalog_new(&catalog), HERD_OK);
    herd_factor f;
    ck_assert_int_eq(herd_factor_parse("leader_skill=0:1:2", &f, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_design_new(&design, HERD_DESIGN_GRID, &f, 1, 0, 0, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_design_cursor_new(&cursor, design), HERD_OK);
    sink = tmpfile();
    ck_assert_ptr_nonnull(sink);
    snprintf(db_dir, sizeof db_dir, "/tmp/herd_test_api_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(db_dir));
    char path[128];
    snprintf(path, sizeof path, "%s/run.db", db_dir);
    ck_assert_int_eq(herd_io_atomic_open(&db_file, path, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_sqlite_open(&db, db_file, NULL, NULL, 0), HERD_OK);
}

static void free_objects(void)
{
    herd_sim_free(sim);
    herd_scenario_free(scenario);
    herd_catalog_free(catalog);
    herd_design_cursor_free(cursor);
    herd_design_free(design);
    fclose(sink);
    herd_sqlite_free(db);
    herd_io_atomic_abort(db_file);
    rmdir(db_dir);
}

#define ONE_NULL(X) \
    X(sim_org_view, NONE((herd_sim_org(sim, NULL), 0))) \
    X(sim_network_ties_out, IS_EINVAL(herd_sim_network_ties(sim, NULL))) \
    X(sim_network_offsets, IS_EINVAL(herd_sim_network(sim, NULL, 7, (uint32_t[64]){0}, 64))) \
    X(sim_network_targets, IS_EINVAL(herd_sim_network(sim, (uint64_t[7]){0}, 7, NULL, 64))) \
    X(params_get_info, NAN_(herd_params_get(&params, NULL))) \
    X(params_get_params, NAN_(herd_params_get(NULL, herd_params_info(0)))) \
    X(params_set_info, IS_EINVAL(herd_params_set(&params, NULL, 1))) \
    X(params_set_params, IS_EINVAL(herd_params_set(NULL, herd_params_info(0), 1))) \
    X(event_kind_parse_out, IS_EINVAL(herd_event_kind_parse("crisis", NULL))) \
    X(csv_observer_sink, IS_EINVAL(herd_io_csv_observer(&record, NULL))) \
    X(csv_row_record, IS_EINVAL(herd_io_csv_row(sink, "front", 0, 0, NULL))) \
    X(csv_row_policy_optional, return herd_io_csv_row(sink, NULL, 0, 0, &record) == HERD_OK) \
    X(resolve_list_name, PTR(herd_policy_resolve_list((void *)herd_policy_builtins(), NULL))) \
    X(record_get_info, NAN_(herd_record_get(&record, NULL))) \
    X(summary_get_info, NAN_(herd_summary_get(&summary, NULL))) \
    X(style_get_key, NAN_(herd_style_get(&style, NULL))) \
    X(style_set_key, IS_EINVAL(herd_style_set(&style, NULL, 0))) \
    X(style_policy_style, IS_EINVAL(herd_style_policy(&(herd_policy_type){0}, "x", NULL, NULL, NULL, 0))) \
    X(stance_attention, ZERO(herd_stance_attention(NULL) + 0 * stance.direction)) \
    X(sim_add_event, IS_EINVAL(herd_sim_add_event(sim, NULL))) \
    X(sim_observe, IS_EINVAL(herd_sim_observe(sim, NULL, NULL))) \
    X(sim_save_path, IS_EINVAL(herd_sim_save(sim, NULL))) \
    X(sim_write_file, IS_EINVAL(herd_sim_write(sim, NULL, NULL))) \
    X(sim_load_path, IS_EINVAL(herd_sim_load(&(herd_sim *){NULL}, NULL, NULL))) \
    X(sim_new_params, IS_EINVAL(herd_sim_new(&(herd_sim *){NULL}, NULL, 0))) \
    X(scenario_copy_with_source, \
      IS_EINVAL(herd_scenario_copy_with(&(herd_scenario *){NULL}, NULL, NULL, NULL, 0))) \
    X(scenario_set_key, IS_EINVAL(herd_scenario_set(scenario, NULL, "1", NULL, 0))) \
    X(scenario_set_value, IS_EINVAL(herd_scenario_set(scenario, "ticks", NULL, NULL, 0))) \
    X(scenario_set_number_key, IS_EINVAL(herd_scenario_set_number(scenario, NULL, 1, NULL, 0))) \
    X(scenario_get_number_value, \
      IS_EINVAL(herd_scenario_get_number(scenario, "ticks", NULL, NULL, NULL, 0))) \
    X(scenario_get_number_key, \
      IS_EINVAL(herd_scenario_get_number(scenario, NULL, &(double){0}, NULL, NULL, 0))) \
    X(scenario_find_policy_name, PTR(herd_scenario_find_policy(scenario, NULL))) \
    X(scenario_write_file, IS_EINVAL(herd_scenario_write(scenario, NULL))) \
    X(scenario_write_string_text, IS_EINVAL(herd_scenario_write_string(scenario, NULL, NULL))) \
    X(scenario_apply_sim, IS_EINVAL(herd_scenario_apply(scenario, NULL, NULL))) \
    X(scenario_parse_text, IS_EINVAL(herd_scenario_parse(&(herd_scenario *){NULL}, NULL, 3, "x", NULL, 0))) \
    X(scenario_copy_from, IS_EINVAL(herd_scenario_copy(&(herd_scenario *){NULL}, NULL))) \
    X(scenario_sim_new_scenario, IS_EINVAL(herd_scenario_sim_new(&(herd_sim *){NULL}, NULL, 0, NULL, NULL))) \
    X(catalog_find_name, PTR(herd_catalog_find(catalog, NULL))) \
    X(catalog_add_type, IS_EINVAL(herd_catalog_add(catalog, NULL, NULL, 0))) \
    X(cursor_point_values, IS_EINVAL(herd_design_cursor_point(cursor, 0, NULL, NULL))) \
    X(design_new_factors, \
      IS_EINVAL(herd_design_new(&(herd_design *){NULL}, HERD_DESIGN_GRID, NULL, 1, 0, 0, NULL, 0))) \
    X(factor_parse_out, IS_EINVAL(herd_factor_parse("a=0:1", NULL, NULL, 0))) \
    X(sweep_check_design, IS_EINVAL(herd_sweep_check(scenario, NULL, 0, NULL, 0))) \
    X(sweep_resolve_factors, IS_EINVAL(herd_sweep_resolve(scenario, NULL, 1, NULL, 0))) \
    X(summarise_out, IS_EINVAL(herd_metrics_summarise(&record, 1, 6, NULL))) \
    X(summarise_records, IS_EINVAL(herd_metrics_summarise(NULL, 1, 6, &summary))) \
    X(stats_interval_out, IS_EINVAL(herd_stats_interval(&(double){1}, 1, 1, 0.95, NULL))) \
    X(stats_interval_x, IS_EINVAL(herd_stats_interval(NULL, 1, 1, 0.95, &(herd_interval){0}))) \
    X(lock_take_path, IS_EINVAL(herd_io_lock_take(&(herd_io_lock *){NULL}, NULL, NULL, 0))) \
    X(sqlite_open_writer, IS_EINVAL(herd_sqlite_open(&(herd_sqlite *){NULL}, NULL, NULL, NULL, 0))) \
    X(sqlite_record_record, IS_EINVAL(herd_sqlite_record(db, "front", 0, 0, NULL))) \
    X(sqlite_record_policy_optional, return herd_sqlite_record(db, NULL, 0, 0, &record) == HERD_OK) \
    X(sqlite_summary_summary, IS_EINVAL(herd_sqlite_summary(db, "front", 0, 0, NULL))) \
    X(sqlite_summary_policy_optional, return herd_sqlite_summary(db, NULL, 0, 0, &summary) == HERD_OK) \
    X(sqlite_team_records_sim, IS_EINVAL(herd_sqlite_team_records(db, NULL, 0, 0, teams, 2))) \
    X(sqlite_team_records_teams, IS_EINVAL(herd_sqlite_team_records(db, sim, 0, 0, NULL, 2))) \
    X(sqlite_observer_sink, IS_EINVAL(herd_sqlite_observer(&record, NULL))) \
    X(sqlite_observer_record, \
      IS_EINVAL(herd_sqlite_observer(NULL, &(herd_sqlite_sink){db, NULL, 0, 0, NULL, 0, 0}))) \
    X(sqlite_team_observer_sink, IS_EINVAL(herd_sqlite_team_observer(&record, NULL))) \
    X(style_validate_msg_only, IS_EINVAL(herd_style_validate(NULL, (char[8]){0}, 8))) \
    X(sweep_rows_output_f, IS_EINVAL(herd_sweep_rows_output(&one_rows, one_value, 1, 0, \
      HERD_SWEEP_NO_OTHER, 1, NULL, NULL, 0))) \
    X(sweep_rows_output_value, IS_EINVAL(herd_sweep_rows_output(&one_rows, NULL, 1, 0, \
      HERD_SWEEP_NO_OTHER, 1, &(double){0}, NULL, 0))) \
    X(sweep_rows_output_err_optional, return herd_sweep_rows_output(&one_rows, one_value, 1, 0, \
      HERD_SWEEP_NO_OTHER, 1, &(double){0}, NULL, 0) == HERD_OK) \
    X(sweep_rows_src_factors, IS_EINVAL(herd_sweep_rows_src(&one_rows, one_value, 1, NULL, 1, \
      1, 0, HERD_SWEEP_NO_OTHER, (double[1]){0}, &(double){0}, NULL, 0))) \
    X(sweep_rows_src_src, IS_EINVAL(herd_sweep_rows_src(&one_rows, one_value, 1, one_value, 1, \
      1, 0, HERD_SWEEP_NO_OTHER, NULL, &(double){0}, NULL, 0))) \
    X(sweep_rows_src_r2, IS_EINVAL(herd_sweep_rows_src(&one_rows, one_value, 1, one_value, 1, \
      1, 0, HERD_SWEEP_NO_OTHER, (double[1]){0}, NULL, NULL, 0))) \
    X(sweep_rows_src_err_optional, return herd_sweep_rows_src(&one_rows, one_value, 1, \
      one_value, 1, 1, 0, HERD_SWEEP_NO_OTHER, (double[1]){0}, &(double){0}, NULL, 0) == \
      HERD_EINVAL) /* one run: a single design point */ \
    X(sweep_rows_spread_factors, IS_EINVAL(herd_sweep_rows_spread(&one_rows, NULL, 1, 1, NULL, \
      NULL, 0))) \
    X(sweep_rows_base_samples_point, MINUS1(herd_sweep_rows_base_samples( \
      &(herd_sweep_rows){1, NULL, one_rep, one_policy, one_names, 1, NULL, NULL}, 1))) \
    X(sweep_rows_runs_n_out, IS_EINVAL(herd_sweep_rows_runs(&one_rows, one_value, 1, 0, \
      HERD_SWEEP_NO_OTHER, (double[1]){0}, (size_t[1]){0}, NULL, NULL, 0))) \
    X(sweep_rows_runs_point, IS_EINVAL(herd_sweep_rows_runs( \
      &(herd_sweep_rows){1, NULL, one_rep, one_policy, one_names, 1, NULL, NULL}, \
      one_value, 1, 0, HERD_SWEEP_NO_OTHER, (double[1]){0}, (size_t[1]){0}, &(size_t){0}, \
      NULL, 0))) \
    X(sweep_rows_runs_names, IS_EINVAL(herd_sweep_rows_runs( \
      &(herd_sweep_rows){1, one_point, one_rep, one_policy, NULL, 1, NULL, NULL}, \
      one_value, 1, 0, HERD_SWEEP_NO_OTHER, (double[1]){0}, (size_t[1]){0}, &(size_t){0}, \
      NULL, 0)))

#define ONE_FN_(name, ...) CASE_FN_(one_null, name, __VA_ARGS__)
#define ONE_ROW_(name, ...) CASE_ROW_(one_null, name)
ONE_NULL(ONE_FN_)
static const api_case one_null[] = {ONE_NULL(ONE_ROW_)};

START_TEST(one_pointer_null_beside_valid_ones)
{
    run_case(&one_null[_i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("null");
    tcase_add_loop_test(tc, every_function_with_every_pointer_null, 0,
                        (int)(sizeof all_null / sizeof all_null[0]));
    suite_add_tcase(s, tc);
    TCase *one = tcase_create("one null");
    tcase_add_checked_fixture(one, make_objects, free_objects);
    tcase_add_loop_test(one, one_pointer_null_beside_valid_ones, 0,
                        (int)(sizeof one_null / sizeof one_null[0]));
    suite_add_tcase(s, one);
    return run_suite(s);
}
