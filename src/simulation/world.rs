//! The world a scenario runs in: the road network, the sites, every carrier's depot, and one
//! travel matrix per vehicle profile over all of them (sites first, then depots).

use crate::demand::{Site, sites_from_map};
use crate::matrix::{Anchor, Router, TravelMatrix};
use crate::network::{Profile, RoadNetwork, SnapParams};
use crate::scenario::Scenario;
use crate::units::{Meters, Seconds};

/// Radius of the "nearby demand" feature of the prize model, metres.
pub const NEARBY_M: f64 = 300.0;

/// A depot's access leg: the great-circle distance to the road × circuity, at its speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Access {
    /// Length of one way.
    pub distance: Meters,
    /// Duration of one way.
    pub duration: Seconds,
}

/// Everything fixed for a run.
pub struct World {
    /// The sites, map ones first.
    pub sites: Vec<Site>,
    /// Profiles that some carrier's vehicle uses, in [`Profile::ALL`] order.
    pub profiles: Vec<Profile>,
    /// One matrix per entry of `profiles`, over the sites then the carriers' depots.
    pub matrices: Vec<TravelMatrix>,
    /// Per carrier, per entry of `profiles`: the depot's access leg (zero when on the road).
    pub access: Vec<Vec<Access>>,
    /// Per entry of `profiles`: sites no road of the profile reaches within the snap limit.
    pub unreachable_sites: Vec<usize>,
    /// The road network (for route geometry).
    pub network: RoadNetwork,
    /// Per entry of `profiles`, per matrix location: how the point joins the network.
    pub anchors: Vec<Vec<Anchor>>,
}

impl World {
    /// Matrix index of carrier `c`'s depot.
    pub fn depot_location(&self, c: usize) -> usize {
        self.sites.len() + c
    }

    /// Index into `profiles` of `profile`.
    pub fn profile_index(&self, profile: Profile) -> Option<usize> {
        self.profiles.iter().position(|&p| p == profile)
    }
}

/// The profile a vehicle-table profile name stands for.
pub fn profile_named(name: &str) -> Profile {
    match name {
        "truck" => Profile::Truck,
        "cargo_bike" => Profile::CargoBike,
        _ => Profile::Van,
    }
}

/// Builds the world: decodes the extract, builds the networks, finds the sites (or takes
/// `extra_sites` appended by an orders CSV), snaps them and the depots, computes matrices.
///
/// # Errors
/// The extract cannot be read or has no road for a profile the fleet uses.
pub fn build(
    scenario: &Scenario,
    mut listed: impl FnMut(&mut Vec<Site>) -> Result<(), crate::Error>,
) -> Result<World, crate::Error> {
    let extract = crate::osm::read(&scenario.osm)?;
    let network = RoadNetwork::build(&extract)?;
    let mut sites = sites_from_map(&extract, scenario);
    listed(&mut sites)?;
    let profiles: Vec<Profile> = Profile::ALL
        .into_iter()
        .filter(|p| {
            scenario.carriers.iter().any(|c| {
                c.fleet
                    .iter()
                    .any(|&(v, _)| profile_named(&scenario.vehicles[v].profile) == *p)
            })
        })
        .collect();
    let params = SnapParams {
        max_snap_distance: Meters(scenario.demand.max_snap_m),
    };
    let mut matrices = Vec::new();
    let mut unreachable_sites = Vec::new();
    let mut access = vec![Vec::new(); scenario.carriers.len()];
    let mut all_anchors = Vec::with_capacity(profiles.len());
    for &profile in &profiles {
        let net = network.profile(profile);
        if net.node_count() == 0 {
            return Err(crate::Error::Input(format!(
                "the extract {} has no road for the {} profile that the fleet uses: use a larger extract or another fleet",
                scenario.osm.display(),
                profile.name()
            )));
        }
        let router = Router::new(net);
        let mut anchors = Vec::with_capacity(sites.len() + scenario.carriers.len());
        let mut far = 0;
        for site in &sites {
            let snap = net.snap(site.position, &params)?;
            if snap.far {
                far += 1;
                anchors.push(Anchor::unreachable());
            } else {
                anchors.push(Anchor::from_snap(net, &snap, (Meters::ZERO, Seconds::ZERO)));
            }
        }
        for (c, carrier) in scenario.carriers.iter().enumerate() {
            let snap = net.snap(carrier.depot.position, &params)?;
            let leg = if snap.far {
                let d = snap.distance.0 * carrier.depot.access_circuity;
                Access {
                    distance: Meters(d),
                    duration: Seconds(d / carrier.depot.access_speed_mps),
                }
            } else {
                Access {
                    distance: Meters::ZERO,
                    duration: Seconds::ZERO,
                }
            };
            access[c].push(leg);
            anchors.push(Anchor::from_snap(net, &snap, (leg.distance, leg.duration)));
        }
        matrices.push(router.matrix_for_anchors(&anchors));
        all_anchors.push(anchors);
        unreachable_sites.push(far);
    }
    Ok(World {
        sites,
        profiles,
        matrices,
        access,
        unreachable_sites,
        network,
        anchors: all_anchors,
    })
}

/// For each site: the expected orders a delivering day within [`NEARBY_M`] of it.
pub fn nearby_daily(sites: &[Site], expected: &[f64]) -> Vec<f64> {
    // Sort by latitude and scan a band: a few thousand sites, no index needed.
    let mut order: Vec<usize> = (0..sites.len()).collect();
    order.sort_by(|&a, &b| {
        sites[a]
            .position
            .lat
            .total_cmp(&sites[b].position.lat)
            .then(a.cmp(&b))
    });
    let band = NEARBY_M / 111_195.0;
    let mut out = vec![0.0; sites.len()];
    for (k, &i) in order.iter().enumerate() {
        let p = sites[i].position;
        let mut sum = expected.get(i).copied().unwrap_or(0.0);
        for &j in order[k + 1..].iter() {
            if sites[j].position.lat - p.lat > band {
                break;
            }
            if p.haversine(sites[j].position).0 <= NEARBY_M {
                sum += expected.get(j).copied().unwrap_or(0.0);
            }
        }
        for &j in order[..k].iter().rev() {
            if p.lat - sites[j].position.lat > band {
                break;
            }
            if p.haversine(sites[j].position).0 <= NEARBY_M {
                sum += expected.get(j).copied().unwrap_or(0.0);
            }
        }
        out[i] = sum;
    }
    out
}
