//! Helpers shared by the integration tests.

#![allow(dead_code, unused_imports)]

pub mod gui;
pub mod props;
