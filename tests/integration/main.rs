//! The day loop's integration tests, as modules of one test binary (one link for all).

mod cohort;
mod common;
mod compare;
mod conditional_access;
mod demand_lorient;
mod dispatch_cases;
mod emissions;
mod hindsight_plan;
mod procurement;
mod report;
mod scenario_errors;
mod score;
mod shipped_scenarios;
mod simulate_golden;
mod studies;
mod time_of_day;
mod zones;
