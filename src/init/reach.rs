//! Which of the map's sites no van can reach: those farther than the scenario's snap limit
//! from the van network the simulator keeps (its largest strongly connected part).
//!
//! An extract often holds places the kept network does not join: an island without a road
//! link (Gozo and Comino on Malta's extract, whose ferries are not roads), a gated estate
//! mapped without its access road, a fringe cut off by the extract's edge. Their orders end
//! unassigned as unreachable. That is reported, not hidden, but a planner should know before
//! running that a sixth of the demand will not be served, so `init` counts them, says where
//! they lie, and writes it in the scenario.

use crate::demand::Site;
use crate::network::{Profile, RoadNetwork, SnapParams};
use crate::osm::OsmExtract;
use crate::units::{LonLat, Meters};

/// The sites the van network does not reach.
#[derive(Clone, Debug, PartialEq)]
pub struct OffNetwork {
    /// Sites farther than the snap limit from the kept van network.
    pub count: usize,
    /// All sites of the map.
    pub of: usize,
    /// The mean position of the sites off the network (`None` when there is none).
    pub centre: Option<LonLat>,
}

impl OffNetwork {
    /// The note written in the scenario and printed by `init` (`None` when every site is
    /// reached).
    pub fn note(&self, max_snap_m: f64) -> Option<String> {
        let c = self.centre?;
        Some(format!(
            "{} of the map's {} sites ({:.1} %) lie more than {max_snap_m:.0} m from the van network the simulator keeps (its largest strongly connected part; they centre on {:.4},{:.4}): an island or a road piece the extract does not join to it. Their orders will end unassigned, as unreachable; cut the extract to the connected area to leave them out",
            self.count,
            self.of,
            100.0 * self.count as f64 / self.of.max(1) as f64,
            c.lon,
            c.lat
        ))
    }
}

/// Counts the sites of `sites` farther than `max_snap_m` from `extract`'s van network.
///
/// # Errors
/// The extract has no road a van may use.
pub fn off_network(
    extract: &OsmExtract,
    sites: &[Site],
    max_snap_m: f64,
) -> Result<OffNetwork, crate::Error> {
    let network = RoadNetwork::build(extract)?;
    let van = network.profile(Profile::Van);
    let params = SnapParams {
        max_snap_distance: Meters(max_snap_m),
    };
    let (mut count, mut lon, mut lat) = (0usize, 0.0, 0.0);
    if van.node_count() > 0 {
        for site in sites {
            if van.snap(site.position, &params)?.far {
                count += 1;
                lon += site.position.lon;
                lat += site.position.lat;
            }
        }
    } else {
        count = sites.len();
        for site in sites {
            lon += site.position.lon;
            lat += site.position.lat;
        }
    }
    Ok(OffNetwork {
        count,
        of: sites.len(),
        centre: (count > 0).then(|| LonLat::new(lon / count as f64, lat / count as f64)),
    })
}
