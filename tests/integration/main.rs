//! The day loop's integration tests, as modules of one test binary (one link for all).

#[path = "../common/mod.rs"]
mod shared;

mod cohort;
mod common;
mod compare;
mod conditional_access;
mod demand_lorient;
mod dispatch_cases;
mod emissions;
mod hindsight_plan;
mod init;
mod procurement;
mod report;
mod scenario_errors;
mod score;
mod shipped_scenarios;
mod simulate_golden;
mod site_matrix;
mod studies;
mod sweep;
mod time_of_day;
mod ucc_centre;
mod zones;
