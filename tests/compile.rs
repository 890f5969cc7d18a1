//! The compile step on hand-built scenarios where every edge is known.

use std::collections::BTreeSet;

use wushe::ErrorKind;
use wushe::model::*;
use wushe::problem::{Problem, RoleKind, compile};
use wushe::rules::{MatchPolicy, PolicyError, Rejection, ScoreBreakdown};

use crate::support::rules_fixture as fx;

/// Providers W1 W2 V1 V2 V3 O1 O2 F1 F2 F3 (indices 0..=9); needs N1 (P1 in R11: lead,
/// 1 helper, organization, 5,000 fen) and N2 (P2 in R21: 2 helpers, window already over).
pub fn scenario() -> Scenario {
    let mut s = fx::county();
    let mut w2 = fx::worker(2, 20);
    w2.licence = Licence::Assistant;
    s.workers = vec![fx::worker(1, 10), w2];
    let mut v3 = fx::volunteer(3, 11);
    v3.skills = BTreeSet::from([Skill::Tutoring]);
    s.volunteers = vec![fx::volunteer(1, 12), fx::volunteer(2, 21), v3];
    let mut o2 = fx::organization(2);
    o2.serves = BTreeSet::from([RegionId(20)]);
    s.organizations = vec![fx::organization(1), o2];
    let mut f2 = fx::fund(2);
    f2.kind = ResourceKind::Goods {
        item: GoodsItem::FoodParcel,
    };
    let mut f3 = fx::fund(3);
    f3.remaining = 3_000;
    s.funds = vec![fx::fund(1), f2, f3];
    s.residents = vec![fx::resident(1, 11), fx::resident(2, 21)];
    let n1 = fx::need(
        1,
        1,
        vec![
            fx::lead(),
            fx::helpers(1),
            RoleSpec::Organization,
            fx::money(5_000),
        ],
    );
    let mut n2 = fx::need(2, 2, vec![fx::helpers(2)]);
    n2.window = DateWindow {
        start: fx::day(2026, 1, 10),
        end: fx::day(2026, 6, 30),
    };
    s.needs = vec![n1, n2];
    s
}

/// `(role, provider, max_units, usage_per_unit, score_per_unit)` of every edge.
fn edge_tuples(p: &Problem) -> Vec<(u32, u32, i64, i64, i64)> {
    p.edges
        .iter()
        .map(|e| {
            (
                e.role,
                e.provider,
                e.max_units,
                e.usage_per_unit,
                e.score_per_unit,
            )
        })
        .collect()
}

#[test]
fn compiles_exactly_the_eligible_edges() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let p = c.problem();
    p.validate().expect("valid problem");
    assert_eq!(
        edge_tuples(p),
        vec![
            (0, 0, 1, 1, 24),    // W1 leads N1: −2 travel +20 specialty +10 station −4 load
            (1, 2, 1, 60, -199), // V1 helps N1: −4 travel +5 first aid −200 township pool
            (2, 5, 1, 1, -204),  // O1 delivers N1: −4 load −200 (it serves the township)
            (3, 7, 5_000, 1, 0), // F1: the whole amount
            (3, 9, 3_000, 1, 0), // F3: all it has
            (4, 3, 1, 60, 5),    // V2 helps N2 in its own community
        ]
    );
    assert_eq!(p.role_edge_start, vec![0, 1, 2, 3, 5, 6]);
}

#[test]
fn providers_needs_and_roles_follow_scenario_order() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let p = c.problem();
    let ids: Vec<String> = p.provider_ids.iter().map(|id| id.to_string()).collect();
    assert_eq!(
        ids,
        ["W1", "W2", "V1", "V2", "V3", "O1", "O2", "F1", "F2", "F3"]
    );
    let caps: Vec<(i64, bool)> = p
        .providers
        .iter()
        .map(|q| (q.capacity, q.one_role_per_need))
        .collect();
    assert_eq!(
        caps,
        vec![
            (4, true),
            (4, true),
            (240, true),
            (240, true),
            (240, true),
            (8, true),
            (8, true),
            (100_000, false),
            (100_000, false),
            (3_000, false)
        ]
    );
    assert_eq!(p.need_ids, vec![NeedId(1), NeedId(2)]);
    let roles: Vec<(u32, u32, RoleKind, i64)> = p
        .roles
        .iter()
        .map(|r| (r.need, r.team_index, r.kind, r.demand))
        .collect();
    assert_eq!(
        roles,
        vec![
            (0, 0, RoleKind::LeadWorker, 1),
            (0, 1, RoleKind::Volunteers, 1),
            (0, 2, RoleKind::Organization, 1),
            (0, 3, RoleKind::Material, 5_000),
            (1, 0, RoleKind::Volunteers, 2),
        ]
    );
    // key tier × base 2 = 6; unit = (gain 641 + loss 520) × 3 persons + 1 = 3,484, where gain
    // is 60 of terms + 581 of a pinned pairing's preference and loss 100 travel + 20 load +
    // 400 county coordination
    let weighted: Vec<i64> = (0..p.needs.len())
        .map(|n| p.needs[n].value - p.tier_bonus_of(n))
        .collect();
    assert_eq!(weighted, vec![20_904, 20_904]);
    // both needs are Key-tier: a lexicographic bonus above the component's whole swing
    assert_eq!(p.tier_bonus.len(), 2);
    assert!(p.tier_bonus.iter().all(|&b| b > 20_904));
}

#[test]
fn rejections_are_counted_per_role() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let counts = |r: usize| c.rejections(r).most_frequent_first();
    assert_eq!(counts(0), vec![(Rejection::LicenceTooLow, 1)]);
    assert_eq!(
        counts(1),
        vec![(Rejection::MissingSkill, 1), (Rejection::TooFar, 1)]
    );
    assert_eq!(counts(2), vec![(Rejection::OutsideServiceArea, 1)]);
    assert_eq!(counts(3), vec![(Rejection::WrongResourceKind, 1)]);
    assert_eq!(
        counts(4),
        vec![(Rejection::MissingSkill, 1), (Rejection::TooFar, 1)]
    );
    // every provider of the role's kind is either a candidate or counted once
    let p = c.problem();
    let kind_size = |k: RoleKind| match k {
        RoleKind::LeadWorker => s.workers.len(),
        RoleKind::Volunteers => s.volunteers.len(),
        RoleKind::Organization => s.organizations.len(),
        RoleKind::Material => s.funds.len(),
    };
    for (r, role) in p.roles.iter().enumerate() {
        let total = c.rejections(r).total() as usize + p.role_edges(r).len();
        assert_eq!(total, kind_size(role.kind), "role {r}");
    }
}

#[test]
fn edge_scores_match_their_breakdowns() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    for (i, e) in c.problem().edges.iter().enumerate() {
        let b = c.edge_score(i).expect("edge in range");
        assert_eq!(b.total(), e.score_per_unit, "edge {i}");
    }
    assert_eq!(
        c.edge_score(0),
        Some(ScoreBreakdown {
            travel: -2,
            skill_fit: 20,
            continuity: 0,
            affinity: 10,
            load: -4,
            coordination: 0
        })
    );
    assert_eq!(c.edge_score(99), None);
}

#[test]
fn compiling_twice_gives_equal_problems() {
    let s = scenario();
    let a = compile(&s, &MatchPolicy::default()).expect("compiles");
    let b = compile(&s, &MatchPolicy::default()).expect("compiles");
    assert_eq!(a.problem(), b.problem());
    for r in 0..a.problem().roles.len() {
        assert_eq!(a.rejections(r), b.rejections(r));
    }
}

#[test]
fn policy_weights_change_scores_not_edges() {
    let s = scenario();
    let a = compile(&s, &MatchPolicy::default()).expect("compiles");
    let policy = MatchPolicy::default()
        .with_travel_per_km(0)
        .with_load_penalty(0);
    let b = compile(&s, &policy).expect("compiles");
    let pairs = |p: &Problem| {
        p.edges
            .iter()
            .map(|e| (e.role, e.provider))
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(a.problem()), pairs(b.problem()));
    assert_eq!(b.problem().edges[0].score_per_unit, 30);
}

#[test]
fn minors_need_vetted_people() {
    let mut s = scenario();
    s.residents[0].minor = true;
    s.workers[0].vetting = Vetting::Pending;
    s.volunteers[0].vetting = Vetting::Unknown;
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    assert!(c.problem().role_edges(0).is_empty());
    assert!(c.problem().role_edges(1).is_empty());
    assert_eq!(c.rejections(0).get(Rejection::VettingMissing), 1);
    assert_eq!(c.rejections(1).get(Rejection::VettingMissing), 1);
}

#[test]
fn an_invalid_scenario_returns_its_report() {
    let mut s = scenario();
    s.format = "other".into();
    let err = compile(&s, &MatchPolicy::default()).expect_err("invalid");
    assert!(matches!(err.kind(), ErrorKind::Validation(_)));
}

#[test]
fn a_need_of_a_missing_resident_is_reported() {
    let mut s = scenario();
    s.needs[1].resident = ResidentId(77);
    let err = compile(&s, &MatchPolicy::default()).expect_err("dangling");
    let ErrorKind::Validation(report) = err.kind() else {
        panic!("expected a validation report, got {err}");
    };
    assert!(
        report
            .issues
            .iter()
            .any(|i| i.entity == EntityRef::Need(NeedId(2))
                && matches!(i.kind, IssueKind::DanglingReference { .. }))
    );
}

#[test]
fn an_unusable_policy_is_rejected() {
    let s = scenario();
    let err = compile(&s, &MatchPolicy::default().with_vulnerability_base(0)).expect_err("zero");
    assert!(matches!(
        err.kind(),
        ErrorKind::Policy(PolicyError::Zero {
            field: "vulnerability_base"
        })
    ));
    let huge = MatchPolicy::default()
        .with_tier_key(u32::MAX)
        .with_vulnerability_base(u32::MAX);
    let err = compile(&s, &huge).expect_err("too large");
    assert!(matches!(
        err.kind(),
        ErrorKind::Policy(PolicyError::ValueTooLarge { .. })
    ));
}

#[test]
fn an_empty_scenario_compiles_to_an_empty_problem() {
    let s = Scenario::new("empty", fx::as_of());
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    assert_eq!(c.problem(), &{
        let mut p = Problem::default();
        p.index_edges();
        p
    });
}

#[test]
fn compiled_problems_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<wushe::problem::Compiled<'static>>();
    assert_send_sync::<wushe::graph::LinkageGraph>();
}

#[test]
fn policies_read_from_json_with_defaults_and_reject_unknown_fields() {
    let p: MatchPolicy = serde_json::from_str(r#"{"travel_per_km": 7}"#).expect("parses");
    assert_eq!(p, MatchPolicy::default().with_travel_per_km(7));
    let back: MatchPolicy =
        serde_json::from_str(&serde_json::to_string(&p).expect("writes")).expect("reads");
    assert_eq!(back, p);
    assert!(serde_json::from_str::<MatchPolicy>(r#"{"travel_per_mile": 7}"#).is_err());
}

pub(crate) mod random {
    //! Random small scenarios on the fixture county: compile's wiring (indices, distances,
    //! fast paths, tallies) against direct calls of the eligibility checks.

    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use wushe::graph::LinkageGraph;
    use wushe::model::*;
    use wushe::problem::compile;
    use wushe::rules::*;

    use crate::support::rules_fixture as fx;

    fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
        items[rng.random_range(0..items.len())]
    }

    fn subset<T: Copy + Ord>(rng: &mut ChaCha8Rng, items: &[T], p: f64) -> BTreeSet<T> {
        items
            .iter()
            .copied()
            .filter(|_| rng.random_bool(p))
            .collect()
    }

    fn vetting(rng: &mut ChaCha8Rng) -> Vetting {
        match rng.random_range(0..5) {
            0 => Vetting::Unknown,
            1 => Vetting::Pending,
            2 => Vetting::Failed,
            3 => Vetting::Passed {
                expires: fx::day(2027, 1, 15),
            },
            _ => fx::vetted(),
        }
    }

    fn slots() -> [WeeklySlot; 2] {
        [
            fx::monday_morning(),
            WeeklySlot {
                day: Weekday::Sat,
                part: DayPart::Evening,
            },
        ]
    }

    fn role(rng: &mut ChaCha8Rng) -> RoleSpec {
        match rng.random_range(0..5) {
            0 => RoleSpec::LeadWorker {
                min_licence: pick(
                    rng,
                    &[Licence::Assistant, Licence::SocialWorker, Licence::Senior],
                ),
            },
            1 => RoleSpec::Volunteers {
                count: rng.random_range(1..3),
                skills: subset(rng, &[Skill::Companionship, Skill::FirstAid], 0.4),
                weekly_minutes: pick(rng, &[30, 60, 200]),
                risky: rng.random_bool(0.3),
                min_age: pick(rng, &[None, Some(18)]),
            },
            2 => RoleSpec::Organization,
            3 => RoleSpec::Service {
                service: pick(rng, &[Service::Rehabilitation, Service::CareTraining]),
            },
            _ => RoleSpec::Material {
                kind: pick(
                    rng,
                    &[
                        ResourceKind::Money,
                        ResourceKind::Goods {
                            item: GoodsItem::FoodParcel,
                        },
                    ],
                ),
                amount: rng.random_range(1..4_000),
            },
        }
    }

    /// Workers, volunteers, organizations (at least one, O0 administers every fund) and funds;
    /// every reference points to an existing entity, so the scenario validates.
    fn add_providers(s: &mut Scenario, rng: &mut ChaCha8Rng) {
        let orgs: Vec<OrganizationId> = (0..rng.random_range(1..3)).map(OrganizationId).collect();
        let residents: Vec<ResidentId> = s.residents.iter().map(|p| p.id).collect();
        for id in 0..rng.random_range(0..4) {
            let mut w = fx::worker(id, pick(rng, &[10, 20]));
            w.licence = pick(
                rng,
                &[
                    Licence::Unlicensed,
                    Licence::Assistant,
                    Licence::SocialWorker,
                    Licence::Senior,
                ],
            );
            w.vetting = vetting(rng);
            w.current_load = rng.random_range(0..=5);
            w.travel_radius_m = pick(rng, &[500, 3_000, 20_000]);
            s.workers.push(w);
        }
        for id in 0..rng.random_range(0..5) {
            let mut v = fx::volunteer(id, pick(rng, &[11, 12, 21, 30]));
            v.skills = subset(
                rng,
                &[Skill::Companionship, Skill::FirstAid, Skill::Caregiving],
                0.6,
            );
            v.age = rng.random_range(14..40);
            v.availability = subset(rng, &slots(), 0.6);
            v.committed_minutes = rng.random_range(0..=240);
            v.vetting = vetting(rng);
            v.insured_until = pick(
                rng,
                &[None, Some(fx::day(2027, 1, 1)), Some(fx::day(2030, 1, 1))],
            );
            v.travel_radius_m = pick(rng, &[0, 2_500, 20_000]);
            v.organizations = subset(rng, &orgs, 0.3);
            s.volunteers.push(v);
        }
        for &OrganizationId(id) in &orgs {
            let mut o = fx::organization(id);
            o.categories = subset(
                rng,
                &[Category::ElderlyCare, Category::ChildProtection],
                0.6,
            );
            if o.categories.is_empty() {
                o.categories.insert(Category::MarriageFamily);
            }
            o.serves = subset(
                rng,
                &[RegionId(1), RegionId(10), RegionId(21), RegionId(12)],
                0.4,
            );
            o.active_cases = rng.random_range(8..=10);
            o.services = subset(rng, &[Service::Rehabilitation, Service::CareTraining], 0.5);
            s.organizations.push(o);
        }
        for id in 0..rng.random_range(0..4) {
            let mut f = fx::fund(id);
            f.kind = pick(
                rng,
                &[
                    ResourceKind::Money,
                    ResourceKind::Goods {
                        item: GoodsItem::FoodParcel,
                    },
                ],
            );
            f.remaining = rng.random_range(0..3_000);
            f.earmark.categories = subset(
                rng,
                &[Category::ElderlyCare, Category::ChildProtection],
                0.3,
            );
            f.earmark.regions = subset(rng, &[RegionId(10), RegionId(21)], 0.3);
            f.earmark.groups = subset(
                rng,
                &[BeneficiaryGroup::Elderly, BeneficiaryGroup::Children],
                0.3,
            );
            f.valid_from = pick(rng, &[fx::day(2026, 1, 1), fx::day(2026, 12, 15)]);
            f.related_parties = subset(rng, &residents, 0.2);
            f.administered_by = OrganizationId(0);
            s.funds.push(f);
        }
    }

    pub(crate) fn random_scenario(seed: u64) -> Scenario {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut s = fx::county();
        for id in 0..rng.random_range(1..3) {
            let mut p = fx::resident(id, pick(&mut rng, &[11, 12, 21, 30]));
            p.minor = rng.random_bool(0.4);
            if rng.random_bool(0.5) {
                p.vulnerabilities
                    .insert(Vulnerability::ElderlyInDifficulty {
                        ability: AbilityLevel::Severe,
                    });
            }
            s.residents.push(p);
        }
        add_providers(&mut s, &mut rng);
        for id in 0..rng.random_range(1..4) {
            let resident = rng.random_range(0..s.residents.len() as u32);
            let roles = (0..rng.random_range(1..4))
                .map(|_| role(&mut rng))
                .collect();
            let mut n = fx::need(id, resident, roles);
            n.category = pick(
                &mut rng,
                &[Category::ElderlyCare, Category::ChildProtection],
            );
            n.also = subset(
                &mut rng,
                &[Category::DisabilitySupport, Category::ElderlyCare],
                0.3,
            );
            let [a, b] = slots();
            n.slots = pick(&mut rng, &[&[a][..], &[b], &[a, b]])
                .iter()
                .copied()
                .collect();
            s.needs.push(n);
        }
        s
    }

    /// The direct verdict of the eligibility checks for problem role `r` and provider `j`.
    fn verdict(
        s: &Scenario,
        g: &LinkageGraph,
        need: &Need,
        spec: &RoleSpec,
        j: usize,
    ) -> Option<Result<(), Rejection>> {
        let resident = s.residents.iter().find(|p| p.id == need.resident)?;
        let facts = NeedFacts::new(need, resident);
        let c = resident.community;
        let (nw, nv, no) = (s.workers.len(), s.volunteers.len(), s.organizations.len());
        Some(match spec {
            RoleSpec::LeadWorker { min_licence } => {
                let w = s.workers.get(j)?;
                check_lead_worker(*min_licence, w, facts, g.travel_distance_m(w.station, c))
            }
            RoleSpec::Volunteers { .. } => {
                let v = s.volunteers.get(j.checked_sub(nw)?)?;
                let task = VolunteerTask::from_spec(spec)?;
                check_volunteer(&task, v, facts, g.travel_distance_m(v.community, c))
            }
            RoleSpec::Organization | RoleSpec::Service { .. } => check_organization_for(
                spec.service(),
                s.organizations.get(j.checked_sub(nw + nv)?)?,
                facts,
                g,
            ),
            RoleSpec::Material { kind, .. } => {
                check_material(*kind, s.funds.get(j.checked_sub(nw + nv + no)?)?, facts, g)
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn edges_are_exactly_the_eligible_pairs(seed in any::<u64>()) {
            let s = random_scenario(seed);
            exactly_the_eligible_pairs(&s)?;
        }

        /// Volunteers mostly far from the needs (short radii), with vetting and insurance
        /// dates around windows that end on different days: the bulk counts of the
        /// volunteers away from a need match the direct checks, rule by rule.
        #[test]
        fn far_volunteers_are_counted_rule_by_rule(seed in any::<u64>()) {
            let mut s = random_scenario(seed);
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
            let dates = [fx::day(2026, 12, 20), fx::day(2027, 1, 15), fx::day(2027, 2, 28), fx::day(2027, 6, 1)];
            for n in &mut s.needs {
                n.window.end = pick(&mut rng, &dates);
            }
            for v in &mut s.volunteers {
                v.travel_radius_m = pick(&mut rng, &[0, 500, 2_500]);
                if let Vetting::Passed { expires } = &mut v.vetting {
                    *expires = pick(&mut rng, &dates);
                }
                v.insured_until = pick(&mut rng, &[None, Some(dates[0]), Some(dates[1]), Some(dates[2]), Some(dates[3])]);
            }
            exactly_the_eligible_pairs(&s)?;
        }
    }

    /// Compiles `s` and compares every role's edges and rejection tallies with the direct
    /// eligibility checks of every provider.
    fn exactly_the_eligible_pairs(s: &Scenario) -> Result<(), TestCaseError> {
        {
            let s = s.clone();
            let c = compile(&s, &MatchPolicy::default()).expect("compiles");
            let p = c.problem();
            p.validate().expect("valid problem");
            let g = LinkageGraph::new(&s);
            for (r, role) in p.roles.iter().enumerate() {
                let need = &s.needs[role.need as usize];
                let spec = &need.team.roles[role.team_index as usize].spec;
                let mut tally = RejectionTally::default();
                let mut eligible = Vec::new();
                for j in 0..p.providers.len() {
                    match verdict(&s, &g, need, spec, j) {
                        Some(Ok(())) => eligible.push(j as u32),
                        Some(Err(reason)) => tally.add(reason),
                        None => {}
                    }
                }
                let edges: Vec<u32> = p.role_edges(r).iter().map(|e| e.provider).collect();
                prop_assert_eq!(edges, eligible, "role {}", r);
                prop_assert_eq!(c.rejections(r), tally, "role {}", r);
            }
            for (i, e) in p.edges.iter().enumerate() {
                prop_assert_eq!(c.edge_score(i).map(|b| b.total()), Some(e.score_per_unit));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn reversing_provider_order_keeps_the_edges(seed in any::<u64>()) {
            let s = random_scenario(seed);
            let mut r = s.clone();
            r.workers.reverse();
            r.volunteers.reverse();
            r.organizations.reverse();
            r.funds.reverse();
            let a = compile(&s, &MatchPolicy::default()).expect("compiles");
            let b = compile(&r, &MatchPolicy::default()).expect("compiles");
            let keyed = |p: &wushe::problem::Problem| {
                let mut v: Vec<(u32, ProviderId, i64, i64)> = p
                    .edges
                    .iter()
                    .map(|e| (e.role, p.provider_ids[e.provider as usize], e.max_units, e.score_per_unit))
                    .collect();
                v.sort();
                v
            };
            prop_assert_eq!(keyed(a.problem()), keyed(b.problem()));
            prop_assert_eq!(&a.problem().needs, &b.problem().needs);
        }
    }

    #[test]
    fn the_generator_reaches_every_rejection_and_role_kind() {
        let mut seen = RejectionTally::default();
        let mut kinds = BTreeSet::new();
        for seed in 0..300 {
            let s = random_scenario(seed);
            let c = compile(&s, &MatchPolicy::default()).expect("compiles");
            for r in 0..c.problem().roles.len() {
                for (reason, n) in c.rejections(r).most_frequent_first() {
                    for _ in 0..n {
                        seen.add(reason);
                    }
                }
                if !c.problem().role_edges(r).is_empty() {
                    kinds.insert(c.problem().roles[r].kind);
                }
            }
        }
        let missing: Vec<Rejection> = Rejection::ALL
            .into_iter()
            .filter(|&r| seen.get(r) == 0)
            .collect();
        assert!(missing.is_empty(), "never produced: {missing:?}");
        assert_eq!(kinds.len(), 4, "edges of every role kind");
    }
}
