//! The world a scenario runs in: the road network, the sites, every carrier's depot, and one
//! travel matrix per network over all of them (sites first, then depots). There is one
//! network per vehicle profile the fleets use, and one more per profile and set of zones
//! some vehicle is banned from all day: the profile's network with every street segment
//! touching those zones closed, or the ways whose conditional access (`motor_vehicle:conditional=
//! no @ (07:00-19:00)`) shuts them during the vehicle's working hours.

use crate::demand::{Site, sites_from_map};
use crate::matrix::{Anchor, Csr, SiteMatrix};
use crate::network::{Profile, RoadNetwork, SnapParams, TimedAccess, timed_access};
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
    /// The networks: per entry of `profiles` its open network, then the closed variants.
    pub nets: Vec<Net>,
    /// One matrix per entry of `nets`, over the sites then the carriers' depots (whole, or
    /// computed on demand for a large world: see [`SiteMatrix`]).
    pub matrices: Vec<SiteMatrix>,
    /// Per vehicle type of the scenario's table: its entry of `nets` (`usize::MAX` when no
    /// fleet uses it).
    pub vehicle_net: Vec<usize>,
    /// Per vehicle type: the hours it may work, when a zone lets it in only then.
    pub vehicle_window: Vec<Option<(f64, f64)>>,
    /// Per carrier, per entry of `profiles`: the depot's access leg (zero when on the road).
    pub access: Vec<Vec<Access>>,
    /// Per entry of `profiles`: sites no road of the profile reaches within the snap limit.
    pub unreachable_sites: Vec<usize>,
    /// The road network (for route geometry).
    pub network: RoadNetwork,
    /// Per entry of `nets`, per matrix location: how the point joins the network.
    pub anchors: Vec<Vec<Anchor>>,
    /// Per entry of `profiles`: the streets of the centre's zone that stay open to the
    /// vehicles its ban covers (empty without a centre or exceptions).
    pub ucc_access: Vec<crate::zones::access::AccessStreets>,
}

/// One network routed on.
pub struct Net {
    /// Its profile (index into `World::profiles`).
    pub profile: usize,
    /// Zones whose streets it closes (indices into the scenario's zones; empty: open).
    pub closed_zones: Vec<usize>,
    /// OSM ways it closes because their time-bound conditional access shuts them during the
    /// hours its vehicles work (sorted; empty: none).
    pub hours_closed_ways: Vec<i64>,
    /// Its adjacency (closed edges left out).
    pub csr: Csr,
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

    /// The entry of `nets` vehicle type `v` is routed on.
    pub fn net_of(&self, v: usize) -> usize {
        self.vehicle_net[v]
    }

    /// The open network of vehicle type `v`'s profile.
    pub fn open_net_of(&self, v: usize) -> usize {
        self.nets[self.vehicle_net[v]].profile
    }

    /// True when the street matrix location `l` lies on is shut to vehicle type `v` by its
    /// conditional access during the vehicle's hours.
    pub fn street_shut_by_hours(&self, v: usize, l: usize) -> bool {
        let closed = &self.nets[self.net_of(v)].hours_closed_ways;
        let open = self.open_net_of(v);
        let net = self.network.profile(self.profiles[open]);
        self.anchors[open][l].edge().is_some_and(|e| {
            net.graph()[e]
                .way_ids
                .iter()
                .any(|w| closed.binary_search(w).is_ok())
        })
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
    let mut nets: Vec<Net> = Vec::new();
    // The depots' locations: their rows and columns are kept when the rest is on demand.
    let depots: Vec<usize> = (sites.len()..sites.len() + scenario.carriers.len()).collect();
    for &profile in &profiles {
        let net = network.profile(profile);
        if net.node_count() == 0 {
            return Err(crate::Error::Input(format!(
                "the extract {} has no road for the {} profile that the fleet uses: use a larger extract or another fleet",
                scenario.osm.display(),
                profile.name()
            )));
        }
        let csr = Csr::from_network(net);
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
        matrices.push(SiteMatrix::new(csr.clone(), &anchors, &depots));
        all_anchors.push(anchors);
        unreachable_sites.push(far);
        nets.push(Net {
            profile: nets.len(),
            closed_zones: Vec::new(),
            hours_closed_ways: Vec::new(),
            csr,
        });
    }
    check_zones_overlap(scenario, &network)?;
    let ucc_access = super::ucc::site::access_streets(scenario, &network, &profiles)?;
    // Per profile: the ways whose access depends on the hour.
    let timed: Vec<Vec<(i64, TimedAccess)>> = profiles
        .iter()
        .map(|&p| {
            extract
                .roads
                .iter()
                .filter_map(|w| timed_access(p, &w.tags).map(|t| (w.id, t)))
                .collect()
        })
        .collect();
    // Which network and hours each vehicle type gets from the zones.
    let mut vehicle_net = vec![usize::MAX; scenario.vehicles.len()];
    let mut vehicle_window = vec![None; scenario.vehicles.len()];
    for (v, spec) in scenario.vehicles.iter().enumerate() {
        let Some(p) = profiles
            .iter()
            .position(|&pr| pr == profile_named(&spec.profile))
        else {
            continue;
        };
        let energy = &scenario.emission_factors[v].energy_carrier;
        let mut banned = Vec::new();
        let mut window: Option<(f64, f64)> = None;
        for (z, zone) in scenario.zones.iter().enumerate() {
            match zone.access(&spec.class, spec.gross_weight_kg, energy) {
                crate::zones::Access::Open => {}
                crate::zones::Access::Banned => banned.push(z),
                crate::zones::Access::Window(a, b) => {
                    window = Some(window.map_or((a, b), |(x, y)| (x.max(a), y.min(b))));
                }
            }
        }
        vehicle_window[v] = window;
        let hours_closed = hours_closed_ways(scenario, v, window, &timed[p]);
        if banned.is_empty() && hours_closed.is_empty() {
            vehicle_net[v] = p;
            continue;
        }
        if let Some(n) = nets.iter().position(|n| {
            n.profile == p && n.closed_zones == banned && n.hours_closed_ways == hours_closed
        }) {
            vehicle_net[v] = n;
            continue;
        }
        let net = network.profile(profiles[p]);
        let closed: Vec<bool> = net
            .graph()
            .edge_weights()
            .enumerate()
            .map(|(i, e)| {
                e.way_ids
                    .iter()
                    .any(|w| hours_closed.binary_search(w).is_ok())
                    || banned.iter().any(|&z| {
                        scenario.zones[z].touches(&e.geometry)
                            && !(scenario.ucc.as_ref().is_some_and(|u| u.zone == z)
                                && ucc_access[p].open.get(i).copied().unwrap_or(false))
                    })
            })
            .collect();
        let csr = Csr::from_network_without(net, &closed);
        let anchors: Vec<Anchor> = all_anchors[p]
            .iter()
            .map(|a| match a.edge() {
                Some(e) if closed[e.index()] => Anchor::unreachable(),
                _ => a.clone(),
            })
            .collect();
        matrices.push(SiteMatrix::new(csr.clone(), &anchors, &depots));
        all_anchors.push(anchors);
        vehicle_net[v] = nets.len();
        nets.push(Net {
            profile: p,
            closed_zones: banned,
            hours_closed_ways: hours_closed,
            csr,
        });
    }
    let world = World {
        sites,
        profiles,
        matrices,
        access,
        unreachable_sites,
        network,
        anchors: all_anchors,
        nets,
        vehicle_net,
        vehicle_window,
        ucc_access,
    };
    super::ucc::site::check_reachable(scenario, &world)?;
    Ok(world)
}

/// The ways of `timed` (sorted by id) that vehicle type `v` may not count on: closed at some
/// moment of the hours it works on some delivering day of the horizon. Its hours are the span
/// of the shifts of the carriers that use it, cut to a zone's allowed `window`. One matrix
/// serves the month, so a way closed at any of those moments is closed all day for the
/// vehicle: routing never uses a street while its access rule shuts it, at the price of
/// missing it in the hours it is open.
fn hours_closed_ways(
    scenario: &Scenario,
    v: usize,
    window: Option<(f64, f64)>,
    timed: &[(i64, TimedAccess)],
) -> Vec<i64> {
    let shifts = scenario
        .carriers
        .iter()
        .filter(|c| c.fleet.iter().any(|&(fv, _)| fv == v))
        .map(|c| c.shift);
    let Some(mut hours) = shifts.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) else {
        return Vec::new();
    };
    if let Some((a, b)) = window {
        hours = (hours.0.max(a), hours.1.min(b).max(hours.0.max(a)));
    }
    let h = &scenario.horizon;
    let dates: Vec<jiff::civil::Date> = (0..h.days)
        .filter(|&d| h.is_delivering(d))
        .map(|d| h.date(d))
        .collect();
    timed
        .iter()
        .filter(|(_, t)| {
            dates
                .iter()
                .any(|&date| !t.open_throughout(date, hours.0, hours.1))
        })
        .map(|&(id, _)| id)
        .collect()
}

/// Every zone must overlap the extract's roads, else its rules would silently do nothing.
fn check_zones_overlap(scenario: &Scenario, network: &RoadNetwork) -> Result<(), crate::Error> {
    for zone in &scenario.zones {
        let touched = network
            .segments()
            .iter()
            .any(|seg| zone.touches(&seg.geometry));
        if !touched {
            return Err(crate::Error::Input(format!(
                "zone `{}` ({}) does not overlap any road of the extract {}: check its coordinates (lon, lat order, WGS84) or use a larger extract",
                zone.name,
                zone.source,
                scenario.osm.display()
            )));
        }
    }
    Ok(())
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
