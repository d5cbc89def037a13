//! The consolidation centre as it works in the day loop: where it may be (its site, reached
//! by the line-haul vehicles through the ban's exceptions), which of a carrier's vehicles
//! make its line-hauls, what it receives a day (capacity and docks, overflow counted), and
//! what the summary says of it.

pub mod intake;
pub mod line_haul;
pub mod report;
pub mod site;
pub mod sites;

/// Why an order bound for the centre did not go through it on a day (in `orders.csv`, the
/// last such reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    /// The day's capacity was taken: the carrier delivered it directly.
    CapacityDirect,
    /// The day's capacity was taken and no vehicle of the carrier may reach the site: it
    /// waited for the next delivering day.
    CapacityWait,
    /// Its line-haul found no dock free before closing: it was received the next delivering
    /// day.
    DockWait,
}

impl Overflow {
    /// Name in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Overflow::CapacityDirect => "capacity_direct",
            Overflow::CapacityWait => "capacity_wait",
            Overflow::DockWait => "dock_wait",
        }
    }
}
