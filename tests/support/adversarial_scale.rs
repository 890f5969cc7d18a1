//! Scale cases of the adversarial corpus, generated rather than committed: the shapes that
//! exhausted memory or time before the resource bounds (dense all-eligible scenarios, one
//! volunteer reaching every need, many communities without providers, deep or long JSON, a
//! DIMACS header declaring millions of nodes). Each either gives a plan from every strategy
//! that the independent checker accepts, or a named limit error.
//!
//! Used by the corpus test at [`Size::Test`] (seconds in a debug build) and by
//! `examples/adversarial_scale.rs` at [`Size::Full`] (the sizes of the issue, measured with
//! `/usr/bin/time -v` in `docs/reliability.md`).

#![allow(dead_code)]

use std::collections::BTreeSet;

use wushe::io::dimacs::DimacsError;
use wushe::io::json::{JsonError, load_scenario_from_slice_with_limits, scenario_to_string};
use wushe::model::*;
use wushe::plan::check_plan;
use wushe::problem::{LimitError, compile_with_limits};
use wushe::{ErrorKind, MatchPolicy, StrategyKind};

/// How big to make a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Small enough for the debug test suite; limits lowered to match.
    Test,
    /// The sizes of the issue, default limits.
    Full,
    /// This N, default limits (to find where a shape stops fitting).
    Custom(usize),
}

/// A scale case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// N needs × N volunteers, every pair eligible, loaded from JSON (20,000 × 20,000: an
    /// 8 MB file whose candidate graph has 4·10^8 edges).
    DenseAllEligible,
    /// A dense 3,000 × 3,000 all-eligible case.
    Dense3000,
    /// One volunteer eligible for every one of N needs (200,000).
    OneVolunteerEveryNeed,
    /// N communities (99,990: the default `max_regions` with the county and township) with a
    /// need each and no provider at all.
    CommunitiesWithoutProviders,
    /// N communities (20,000) on a chain of roads, volunteers in a few of them with a 5 km
    /// radius: bounded distance searches.
    LongRoadChain,
    /// N communities (10,000) in townships of 20, a need and a volunteer in each: every need
    /// served, each in its own community (distance searches and checks per community).
    ServedEverywhere,
    /// A JSON document nested N levels deep (1,000,000).
    DeepJson,
    /// A scenario whose name is N bytes (8 MB).
    LongString,
    /// A DIMACS `p min` header declaring 2^26 nodes and nothing else (17 bytes).
    DimacsHugeHeader,
}

impl Case {
    /// Every case.
    pub const ALL: [Case; 9] = [
        Case::DenseAllEligible,
        Case::Dense3000,
        Case::OneVolunteerEveryNeed,
        Case::CommunitiesWithoutProviders,
        Case::LongRoadChain,
        Case::ServedEverywhere,
        Case::DeepJson,
        Case::LongString,
        Case::DimacsHugeHeader,
    ];

    /// Whether the case must give a plan (otherwise a named error).
    pub fn plans(self) -> bool {
        matches!(
            self,
            Case::CommunitiesWithoutProviders | Case::LongRoadChain | Case::ServedEverywhere
        )
    }

    /// Whether `err` is the named error this case must give.
    pub fn expected_error(self, err: &wushe::Error) -> bool {
        match (self, err.kind()) {
            (Case::DenseAllEligible | Case::Dense3000, ErrorKind::Limit(l)) => matches!(
                l,
                LimitError::CandidateEdges { .. } | LimitError::CompileWork { .. }
            ),
            (Case::OneVolunteerEveryNeed, ErrorKind::Limit(l)) => {
                matches!(l, LimitError::ProviderEdges { .. })
            }
            (Case::DeepJson, ErrorKind::Json(j)) => matches!(j, JsonError::InvalidValue { .. }),
            (Case::LongString, ErrorKind::Json(j)) => {
                matches!(j, JsonError::StringTooLong { .. })
            }
            (Case::DimacsHugeHeader, ErrorKind::Dimacs(d)) => {
                matches!(d, DimacsError::TooLarge { .. })
            }
            _ => false,
        }
    }

    /// The size parameter N of the case.
    pub fn n(self, size: Size) -> usize {
        let (test, full) = match self {
            Case::DenseAllEligible => (300, 20_000),
            Case::Dense3000 => (200, 3_000),
            Case::OneVolunteerEveryNeed => (2_000, 200_000),
            Case::CommunitiesWithoutProviders => (2_000, 99_990),
            Case::LongRoadChain => (1_000, 20_000),
            Case::ServedEverywhere => (300, 10_000),
            Case::DeepJson => (100_000, 1_000_000),
            Case::LongString => (1 << 20, 8 << 20),
            Case::DimacsHugeHeader => (1 << 26, 1 << 26),
        };
        match size {
            Size::Test => test,
            Size::Full => full,
            Size::Custom(n) => n,
        }
    }

    /// The limits the case runs under: the defaults at full size, scaled down for the test.
    pub fn limits(self, size: Size) -> Limits {
        let defaults = Limits::default();
        if size != Size::Test {
            return defaults;
        }
        Limits {
            max_candidate_edges: 20_000,
            max_edges_per_provider: 500,
            max_compile_work: 10_000_000,
            ..defaults
        }
    }
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid date")
}

fn region(id: u32, level: RegionLevel, parent: Option<u32>) -> Region {
    Region {
        id: RegionId(id),
        name: format!("R{id}"),
        level,
        parent: parent.map(RegionId),
        location: Location::default(),
        population: 1000,
    }
}

/// A county R1 with township R2 and `communities` communities R3.., roads from the township
/// to each (1 km) when `star`, or a chain R2–R3–R4–… (1 km each) otherwise.
fn county(communities: usize, star: bool) -> Scenario {
    let mut s = Scenario::new("scale", day(2026, 11, 28));
    s.regions.push(region(1, RegionLevel::County, None));
    s.regions.push(region(2, RegionLevel::Township, Some(1)));
    for c in 0..communities as u32 {
        s.regions
            .push(region(3 + c, RegionLevel::Community, Some(2)));
        let a = if star || c == 0 { 2 } else { 2 + c };
        s.roads.push(Road {
            a: RegionId(a),
            b: RegionId(3 + c),
            distance_m: 1_000,
        });
    }
    s
}

fn volunteer(id: u32, community: u32, radius: u32) -> Volunteer {
    Volunteer {
        id: VolunteerId(id),
        community: RegionId(community),
        age: 30,
        skills: BTreeSet::from([Skill::Companionship]),
        availability: WeeklySlot::all().collect(),
        weekly_minutes: 10_080,
        committed_minutes: 0,
        vetting: Vetting::Passed {
            expires: day(2030, 1, 1),
        },
        insured_until: None,
        travel_radius_m: radius,
        organizations: BTreeSet::new(),
    }
}

/// A county of `communities` communities in townships of 20: each township joined to its
/// communities (1 km) and to the next township (5 km). Communities come last in `regions`.
fn townships(communities: usize) -> Scenario {
    let mut s = Scenario::new("scale", day(2026, 11, 28));
    s.regions.push(region(1, RegionLevel::County, None));
    let towns = communities.div_ceil(20) as u32;
    for t in 0..towns {
        s.regions
            .push(region(2 + t, RegionLevel::Township, Some(1)));
        if t > 0 {
            s.roads.push(Road {
                a: RegionId(1 + t),
                b: RegionId(2 + t),
                distance_m: 5_000,
            });
        }
    }
    for c in 0..communities as u32 {
        let (id, town) = (2 + towns + c, 2 + c / 20);
        s.regions
            .push(region(id, RegionLevel::Community, Some(town)));
        s.roads.push(Road {
            a: RegionId(town),
            b: RegionId(id),
            distance_m: 1_000,
        });
    }
    s
}

/// A resident in `community` with one need for one volunteer (10 minutes a week).
fn add_need(s: &mut Scenario, id: u32, community: u32) {
    s.residents.push(Resident {
        id: ResidentId(id),
        community: RegionId(community),
        minor: false,
        vulnerabilities: BTreeSet::new(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    });
    s.needs.push(Need {
        id: NeedId(id),
        resident: ResidentId(id),
        category: Category::ElderlyCare,
        also: Default::default(),
        risk: RiskTier::General,
        window: DateWindow {
            start: day(2026, 12, 1),
            end: day(2027, 2, 28),
        },
        slots: WeeklySlot::all().collect(),
        team: Team {
            rule: TeamRule::AllOrNothing,
            roles: vec![Role {
                spec: RoleSpec::Volunteers {
                    count: 1,
                    skills: BTreeSet::new(),
                    weekly_minutes: 10,
                    risky: false,
                    min_age: None,
                },
                optional: false,
            }],
        },
    });
}

/// `needs` needs and `volunteers` volunteers in one community: every pair eligible.
fn dense(needs: usize, volunteers: usize) -> Scenario {
    let mut s = county(1, true);
    for v in 0..volunteers as u32 {
        s.volunteers.push(volunteer(v + 1, 3, 5_000));
    }
    for n in 0..needs as u32 {
        add_need(&mut s, n + 1, 3);
    }
    s
}

/// The scenario of a scenario case (`None` for the byte-level cases).
pub fn scenario(case: Case, size: Size) -> Option<Scenario> {
    let n = case.n(size);
    let s = match case {
        Case::DenseAllEligible | Case::Dense3000 => dense(n, n),
        Case::OneVolunteerEveryNeed => dense(n, 1),
        Case::CommunitiesWithoutProviders => {
            let mut s = county(n, true);
            for c in 0..n as u32 {
                add_need(&mut s, c + 1, 3 + c);
            }
            s
        }
        Case::LongRoadChain => {
            let mut s = county(n, false);
            for c in 0..n as u32 {
                add_need(&mut s, c + 1, 3 + c);
            }
            for (i, c) in (0..n as u32).step_by((n / 8).max(1)).enumerate() {
                s.volunteers.push(volunteer(i as u32 + 1, 3 + c, 5_000));
            }
            s
        }
        Case::ServedEverywhere => {
            let mut s = townships(n);
            for c in 0..n as u32 {
                let community = s.regions[s.regions.len() - n + c as usize].id.0;
                add_need(&mut s, c + 1, community);
                s.volunteers.push(volunteer(c + 1, community, 1_500));
            }
            s
        }
        Case::DeepJson | Case::LongString | Case::DimacsHugeHeader => return None,
    };
    Some(s)
}

/// The bytes of a byte-level case.
pub fn bytes(case: Case, size: Size) -> Vec<u8> {
    let n = case.n(size);
    match case {
        Case::DeepJson => {
            let mut b = br#"{"format":"wushe-scenario","version":1,"regions":"#.to_vec();
            b.extend(std::iter::repeat_n(b'[', n));
            b.extend(std::iter::repeat_n(b']', n));
            b.push(b'}');
            b
        }
        Case::LongString => {
            let mut b = br#"{"format":"wushe-scenario","version":1,"name":""#.to_vec();
            b.extend(std::iter::repeat_n(b'x', n));
            b.extend_from_slice(br#"","as_of":"2026-11-28","regions":[]}"#);
            b
        }
        Case::DimacsHugeHeader => format!("p min {n} 0\n").into_bytes(),
        _ => scenario(case, size)
            .and_then(|s| scenario_to_string(&s).ok())
            .map(String::into_bytes)
            .unwrap_or_default(),
    }
}

/// Runs a case: load (from JSON bytes), compile and every strategy, each plan checked.
/// Returns a one-line summary, or the first error.
pub fn run(case: Case, size: Size) -> Result<String, wushe::Error> {
    let limits = case.limits(size);
    if case == Case::DimacsHugeHeader {
        let net = wushe::io::dimacs::parse_min(bytes(case, size).as_slice())?;
        return Ok(format!("{} nodes", net.node_count()));
    }
    let scenario = if matches!(
        case,
        Case::DeepJson | Case::LongString | Case::DenseAllEligible
    ) {
        load_scenario_from_slice_with_limits(&bytes(case, size), &limits)?
    } else {
        let s = scenario(case, size).unwrap_or_else(|| Scenario::new("empty", day(2026, 1, 1)));
        s.validate_with(&limits)?;
        s
    };
    let compiled = compile_with_limits(&scenario, &MatchPolicy::default(), &limits)?;
    let mut summary = format!("{} edges", compiled.problem().edges.len());
    for &kind in StrategyKind::ALL {
        let started = std::time::Instant::now();
        let solution = kind.build().solve(compiled.problem())?;
        let plan = compiled.plan(&solution, kind.name());
        let seconds = started.elapsed().as_secs_f64();
        assert!(
            check_plan(&scenario, &plan).is_ok(),
            "{case:?} {kind}: checker"
        );
        assert_eq!(plan.served.len() + plan.unmet.len(), scenario.needs.len());
        let served = plan.served.len();
        summary.push_str(&format!(", {kind} served {served} in {seconds:.2} s"));
    }
    Ok(summary)
}
