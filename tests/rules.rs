//! Eligibility (one test per `Rejection`, in the specification's order) and soft scoring (each
//! term moves as documented in `docs/rules.md`).

use std::collections::BTreeSet;

use wushe::graph::LinkageGraph;
use wushe::model::*;
use wushe::rules::scoring::{self, EdgeScoreBound};
use wushe::rules::*;

use crate::support::rules_fixture as fx;

/// The default context: resident P1 in R11 (adult unless `minor`), need N1 of `roles`.
struct Ctx {
    graph: LinkageGraph,
    resident: Resident,
    need: Need,
}

impl Ctx {
    fn new() -> Self {
        Ctx {
            graph: LinkageGraph::new(&fx::county()),
            resident: fx::resident(1, 11),
            need: fx::need(1, 1, vec![fx::lead()]),
        }
    }

    fn minor(mut self) -> Self {
        self.resident.minor = true;
        self
    }

    fn facts(&self) -> NeedFacts<'_> {
        NeedFacts::new(&self.need, &self.resident)
    }

    fn dist(&self, home: u32) -> Option<u64> {
        self.graph
            .travel_distance_m(RegionId(home), self.resident.community)
    }

    fn worker(&self, w: &SocialWorker) -> Result<(), Rejection> {
        let d = self.dist(w.station.0);
        check_lead_worker(Licence::SocialWorker, w, self.facts(), d)
    }

    fn volunteer_with(&self, role: &RoleSpec, v: &Volunteer) -> Result<(), Rejection> {
        let task = VolunteerTask::from_spec(role).expect("volunteer role");
        check_volunteer(&task, v, self.facts(), self.dist(v.community.0))
    }

    fn volunteer(&self, v: &Volunteer) -> Result<(), Rejection> {
        self.volunteer_with(&fx::helpers(1), v)
    }

    fn organization(&self, o: &SocialOrganization) -> Result<(), Rejection> {
        check_organization(o, self.facts(), &self.graph)
    }

    fn fund(&self, f: &CharityResource) -> Result<(), Rejection> {
        check_material(ResourceKind::Money, f, self.facts(), &self.graph)
    }
}

fn risky_role(min_age: Option<u8>) -> RoleSpec {
    RoleSpec::Volunteers {
        count: 1,
        skills: BTreeSet::from([Skill::Companionship]),
        weekly_minutes: 60,
        risky: true,
        min_age,
    }
}

#[test]
fn the_fixture_is_eligible_everywhere() {
    let ctx = Ctx::new().minor();
    assert_eq!(ctx.worker(&fx::worker(1, 10)), Ok(()));
    assert_eq!(
        ctx.volunteer_with(&risky_role(Some(18)), &fx::volunteer(1, 12)),
        Ok(())
    );
    assert_eq!(ctx.organization(&fx::organization(1)), Ok(()));
    assert_eq!(ctx.fund(&fx::fund(1)), Ok(()));
}

// ---- lead worker: licence, vetting, travel, capacity ----

#[test]
fn licence_too_low_comes_first() {
    let ctx = Ctx::new().minor();
    let mut w = fx::worker(1, 20);
    w.licence = Licence::Assistant;
    w.vetting = Vetting::Failed;
    w.travel_radius_m = 0;
    w.current_load = 5;
    assert_eq!(ctx.worker(&w), Err(Rejection::LicenceTooLow));
    w.licence = Licence::Senior;
    assert_eq!(
        ctx.worker(&w),
        Err(Rejection::VettingFailed),
        "higher licences pass"
    );
}

#[test]
fn vetting_missing_for_unknown_and_pending() {
    let ctx = Ctx::new().minor();
    for vetting in [Vetting::Unknown, Vetting::Pending] {
        let mut w = fx::worker(1, 10);
        w.vetting = vetting;
        w.travel_radius_m = 0;
        assert_eq!(
            ctx.worker(&w),
            Err(Rejection::VettingMissing),
            "{vetting:?}"
        );
    }
}

#[test]
fn vetting_failed() {
    let ctx = Ctx::new().minor();
    let mut w = fx::worker(1, 10);
    w.vetting = Vetting::Failed;
    assert_eq!(ctx.worker(&w), Err(Rejection::VettingFailed));
}

#[test]
fn vetting_expired_before_window_end() {
    let ctx = Ctx::new().minor();
    let end = ctx.need.window.end;
    let mut w = fx::worker(1, 10);
    w.vetting = Vetting::Passed {
        expires: end.plus_days(-1),
    };
    assert_eq!(ctx.worker(&w), Err(Rejection::VettingExpired));
    w.vetting = Vetting::Passed { expires: end };
    assert_eq!(
        ctx.worker(&w),
        Ok(()),
        "valid through the last day is enough"
    );
}

#[test]
fn vetting_not_required_for_adults() {
    let ctx = Ctx::new();
    for vetting in [Vetting::Unknown, Vetting::Pending, Vetting::Failed] {
        let mut w = fx::worker(1, 10);
        w.vetting = vetting;
        assert_eq!(ctx.worker(&w), Ok(()));
        let mut v = fx::volunteer(1, 11);
        v.vetting = vetting;
        assert_eq!(ctx.volunteer(&v), Ok(()));
    }
}

#[test]
fn unreachable_before_too_far_and_capacity() {
    let mut ctx = Ctx::new();
    ctx.resident.community = RegionId(30);
    let mut w = fx::worker(1, 10);
    w.current_load = 5;
    assert_eq!(ctx.worker(&w), Err(Rejection::Unreachable));
}

#[test]
fn too_far_is_strictly_beyond_the_radius() {
    let ctx = Ctx::new();
    let mut w = fx::worker(1, 20); // d(R20, R11) = 11 km
    w.travel_radius_m = 10_999;
    w.current_load = 5;
    assert_eq!(ctx.worker(&w), Err(Rejection::TooFar));
    w.travel_radius_m = 11_000;
    assert_eq!(ctx.worker(&w), Err(Rejection::NoCapacity));
}

#[test]
fn worker_without_free_case_has_no_capacity() {
    let ctx = Ctx::new();
    let mut w = fx::worker(1, 10);
    w.current_load = 5;
    assert_eq!(ctx.worker(&w), Err(Rejection::NoCapacity));
    w.current_load = 4;
    assert_eq!(ctx.worker(&w), Ok(()));
}

// ---- volunteers: skills, age, vetting, insurance, travel, slot, minutes ----

#[test]
fn missing_skill_comes_first() {
    let ctx = Ctx::new().minor();
    let mut v = fx::volunteer(1, 21);
    v.skills = BTreeSet::from([Skill::Tutoring]);
    v.age = 15;
    v.vetting = Vetting::Unknown;
    assert_eq!(
        ctx.volunteer_with(&risky_role(Some(18)), &v),
        Err(Rejection::MissingSkill)
    );
}

#[test]
fn too_young_before_vetting() {
    let ctx = Ctx::new().minor();
    let mut v = fx::volunteer(1, 11);
    v.age = 17;
    v.vetting = Vetting::Unknown;
    assert_eq!(
        ctx.volunteer_with(&risky_role(Some(18)), &v),
        Err(Rejection::TooYoung)
    );
    v.age = 18;
    assert_eq!(
        ctx.volunteer_with(&risky_role(Some(18)), &v),
        Err(Rejection::VettingMissing)
    );
    v.age = 12;
    assert_eq!(
        ctx.volunteer_with(&risky_role(None), &v),
        Err(Rejection::VettingMissing),
        "no minimum age"
    );
}

#[test]
fn volunteer_vetting_fails_closed() {
    let ctx = Ctx::new().minor();
    let cases = [
        (Vetting::Unknown, Rejection::VettingMissing),
        (Vetting::Pending, Rejection::VettingMissing),
        (Vetting::Failed, Rejection::VettingFailed),
        (
            Vetting::Passed {
                expires: fx::day(2027, 1, 1),
            },
            Rejection::VettingExpired,
        ),
    ];
    for (vetting, reason) in cases {
        let mut v = fx::volunteer(1, 11);
        v.vetting = vetting;
        v.insured_until = None;
        assert_eq!(
            ctx.volunteer_with(&risky_role(None), &v),
            Err(reason),
            "{vetting:?}"
        );
    }
}

#[test]
fn not_insured_only_for_risky_tasks() {
    let ctx = Ctx::new();
    let mut v = fx::volunteer(1, 21);
    v.insured_until = None;
    assert_eq!(
        ctx.volunteer_with(&risky_role(None), &v),
        Err(Rejection::NotInsured)
    );
    v.insured_until = Some(ctx.need.window.end.plus_days(-1));
    assert_eq!(
        ctx.volunteer_with(&risky_role(None), &v),
        Err(Rejection::NotInsured)
    );
    v.insured_until = None;
    assert_eq!(
        ctx.volunteer(&v),
        Err(Rejection::TooFar),
        "not risky: travel is next"
    );
}

#[test]
fn volunteer_unreachable_and_too_far() {
    let ctx = Ctx::new();
    let mut v = fx::volunteer(1, 30);
    v.availability.clear();
    assert_eq!(ctx.volunteer(&v), Err(Rejection::Unreachable));
    let mut v = fx::volunteer(1, 21); // 12.5 km away, radius 10 km
    v.availability.clear();
    assert_eq!(ctx.volunteer(&v), Err(Rejection::TooFar));
}

#[test]
fn no_common_slot_before_minutes() {
    let ctx = Ctx::new();
    let mut v = fx::volunteer(1, 12);
    v.availability = BTreeSet::from([WeeklySlot {
        day: Weekday::Sat,
        part: DayPart::Evening,
    }]);
    v.committed_minutes = 240;
    assert_eq!(ctx.volunteer(&v), Err(Rejection::NoCommonSlot));
}

#[test]
fn volunteer_minutes_must_cover_the_task() {
    let ctx = Ctx::new();
    let mut v = fx::volunteer(1, 12);
    v.committed_minutes = 181; // 59 free, task needs 60
    assert_eq!(ctx.volunteer(&v), Err(Rejection::NoCapacity));
    v.committed_minutes = 180;
    assert_eq!(ctx.volunteer(&v), Ok(()));
}

// ---- organization: category, service area, capacity ----

#[test]
fn category_not_served_comes_first() {
    let ctx = Ctx::new();
    let mut o = fx::organization(1);
    o.categories = BTreeSet::from([Category::MarriageFamily]);
    o.serves = BTreeSet::from([RegionId(20)]);
    o.active_cases = 10;
    assert_eq!(ctx.organization(&o), Err(Rejection::CategoryNotServed));
}

#[test]
fn outside_service_area_uses_the_hierarchy() {
    let ctx = Ctx::new();
    let mut o = fx::organization(1);
    o.serves = BTreeSet::from([RegionId(20), RegionId(12)]);
    o.active_cases = 10;
    assert_eq!(ctx.organization(&o), Err(Rejection::OutsideServiceArea));
    o.serves = BTreeSet::from([RegionId(1)]);
    assert_eq!(
        ctx.organization(&o),
        Err(Rejection::NoCapacity),
        "the county covers R11"
    );
    o.serves = BTreeSet::from([RegionId(11)]);
    o.active_cases = 9;
    assert_eq!(ctx.organization(&o), Ok(()));
}

// ---- material: kind, earmarks, validity, related party, remaining ----

#[test]
fn wrong_resource_kind_comes_first() {
    let ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.kind = ResourceKind::Goods {
        item: GoodsItem::FoodParcel,
    };
    f.remaining = 0;
    f.related_parties.insert(ResidentId(1));
    assert_eq!(ctx.fund(&f), Err(Rejection::WrongResourceKind));
}

#[test]
fn earmark_category() {
    let ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.earmark.categories = BTreeSet::from([Category::ChildProtection]);
    f.earmark.regions = BTreeSet::from([RegionId(20)]);
    assert_eq!(ctx.fund(&f), Err(Rejection::EarmarkCategory));
    f.earmark.categories.insert(Category::ElderlyCare);
    assert_eq!(ctx.fund(&f), Err(Rejection::EarmarkRegion));
}

#[test]
fn earmark_region_uses_the_hierarchy() {
    let mut ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.earmark.regions = BTreeSet::from([RegionId(20)]);
    f.earmark.groups = BTreeSet::from([BeneficiaryGroup::Disabled]);
    assert_eq!(ctx.fund(&f), Err(Rejection::EarmarkRegion));
    ctx.resident.community = RegionId(21);
    assert_eq!(ctx.fund(&f), Err(Rejection::EarmarkGroup));
}

#[test]
fn earmark_group_needs_a_shared_group() {
    let mut ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.earmark.groups = BTreeSet::from([BeneficiaryGroup::Children]);
    f.valid_until = fx::day(2026, 11, 30);
    assert_eq!(ctx.fund(&f), Err(Rejection::EarmarkGroup));
    ctx.resident.vulnerabilities = BTreeSet::from([Vulnerability::LeftBehindChild]);
    assert_eq!(ctx.fund(&f), Err(Rejection::FundNotValid));
}

#[test]
fn fund_not_valid_on_the_start_day() {
    let ctx = Ctx::new();
    let start = ctx.need.window.start;
    let mut f = fx::fund(1);
    f.valid_from = start.plus_days(1);
    f.related_parties.insert(ResidentId(1));
    assert_eq!(ctx.fund(&f), Err(Rejection::FundNotValid));
    f.valid_from = start;
    f.valid_until = start;
    assert_eq!(
        ctx.fund(&f),
        Err(Rejection::RelatedParty),
        "valid on the start day only"
    );
}

#[test]
fn related_party_before_remaining() {
    let ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.related_parties.insert(ResidentId(1));
    f.remaining = 0;
    assert_eq!(ctx.fund(&f), Err(Rejection::RelatedParty));
}

#[test]
fn empty_fund_has_no_capacity() {
    let ctx = Ctx::new();
    let mut f = fx::fund(1);
    f.remaining = 0;
    assert_eq!(ctx.fund(&f), Err(Rejection::NoCapacity));
    f.remaining = 1;
    assert_eq!(ctx.fund(&f), Ok(()), "one fen is enough to be a candidate");
}

#[test]
fn every_rejection_has_an_index_and_tallies_sort() {
    for (i, r) in Rejection::ALL.iter().enumerate() {
        assert_eq!(r.index(), i);
    }
    let mut t = RejectionTally::default();
    for r in [
        Rejection::TooFar,
        Rejection::MissingSkill,
        Rejection::TooFar,
        Rejection::NoCapacity,
    ] {
        t.add(r);
    }
    assert_eq!(
        t.most_frequent_first(),
        vec![
            (Rejection::TooFar, 2),
            (Rejection::MissingSkill, 1),
            (Rejection::NoCapacity, 1)
        ]
    );
    assert_eq!(t.total(), 4);
}

// ---- scoring ----

#[test]
fn priority_grows_with_tier_and_vulnerability() {
    let policy = MatchPolicy::default();
    let mut p = fx::resident(1, 11);
    let general = scoring::need_priority(&policy, RiskTier::General, &p);
    let key = scoring::need_priority(&policy, RiskTier::Key, &p);
    let high = scoring::need_priority(&policy, RiskTier::High, &p);
    assert_eq!((general, key, high), (2, 6, 18));
    p.vulnerabilities
        .insert(Vulnerability::MinimumLivingAllowance);
    assert_eq!(scoring::need_priority(&policy, RiskTier::General, &p), 3);
    p.vulnerabilities
        .insert(Vulnerability::ElderlyInDifficulty {
            ability: AbilityLevel::Total,
        });
    assert_eq!(scoring::need_priority(&policy, RiskTier::General, &p), 5);
    assert_eq!(scoring::need_priority(&policy, RiskTier::High, &p), 45);
}

#[test]
fn value_unit_exceeds_any_team_score_spread() {
    let switchable =
        MatchPolicy::default().with_ongoing(OngoingPolicy::Switchable { switching_cost: 0 });
    let terms = EdgeScoreBound::of(&switchable);
    assert_eq!(
        terms.gain, 60,
        "worker: specialty 20 + continuity 30 + affinity 10"
    );
    assert_eq!(
        terms.loss, 520,
        "travel cap 100 + load 20 + county coordination 400"
    );
    let policy = MatchPolicy::default();
    assert_eq!(EdgeScoreBound::continuing_preference(&policy), 60 + 520 + 1);
    let b = EdgeScoreBound::of(&policy);
    assert_eq!(
        (b.gain, b.loss),
        (60 + 581, 520),
        "a pinned pairing's preference counts"
    );
    assert_eq!(b.value_unit(3), (641 + 520) * 3 + 1);
    let v = scoring::need_value(2, b.value_unit(3), NeedId(1)).expect("in range");
    assert_eq!(v, 6_968);
    assert!(scoring::need_value(u64::MAX, b.value_unit(3), NeedId(1)).is_err());
}

#[test]
fn zero_tier_weight_is_rejected() {
    let err = MatchPolicy::default().with_tier_key(0).validate();
    assert!(matches!(
        err.map_err(|e| e.into_kind()),
        Err(wushe::ErrorKind::Policy(PolicyError::Zero {
            field: "tier_key"
        }))
    ));
}

#[test]
fn worker_terms_move_as_documented() {
    let ctx = Ctx::new();
    let policy = MatchPolicy::default();
    let near = fx::worker(1, 10);
    let s = scoring::worker_score(&policy, &near, ctx.facts(), 1_000, &ctx.graph);
    // 1 km × 2 = −2; specialty +20; own station +10; load 1/5 of 20 = −4
    assert_eq!(
        s,
        ScoreBreakdown {
            travel: -2,
            skill_fit: 20,
            continuity: 0,
            affinity: 10,
            load: -4,
            coordination: 0
        }
    );
    let far = fx::worker(2, 20);
    let t = scoring::worker_score(&policy, &far, ctx.facts(), 11_000, &ctx.graph);
    assert_eq!((t.travel, t.affinity), (-22, 0), "other station, 11 km");
    let capped = scoring::worker_score(&policy, &far, ctx.facts(), 900_000, &ctx.graph);
    assert_eq!(capped.travel, -100, "travel capped");
    let mut ctx2 = Ctx::new();
    ctx2.resident.prior_workers.insert(WorkerId(1));
    let c = scoring::worker_score(&policy, &near, ctx2.facts(), 1_000, &ctx2.graph);
    assert_eq!(c.continuity, 30);
    assert_eq!(c.total(), s.total() + 30);
    let mut busy = near.clone();
    busy.current_load = 4;
    busy.specialties.clear();
    let b = scoring::worker_score(&policy, &busy, ctx.facts(), 1_000, &ctx.graph);
    assert_eq!((b.load, b.skill_fit), (-16, 0));
}

#[test]
fn volunteer_terms_move_as_documented() {
    let mut s = fx::county();
    let mut o = fx::organization(5);
    o.serves = BTreeSet::from([RegionId(20)]);
    o.categories = BTreeSet::from([Category::DisasterResponse]);
    s.organizations.push(o);
    let mut o6 = fx::organization(6);
    o6.serves = BTreeSet::from([RegionId(20)]);
    s.organizations.push(o6);
    let mut ctx = Ctx::new();
    ctx.graph = LinkageGraph::new(&s);
    let policy = MatchPolicy::default();
    let role = fx::helpers(1);
    let task = VolunteerTask::from_spec(&role).expect("volunteer role");
    let mut v = fx::volunteer(1, 12);
    let base = scoring::volunteer_score(&policy, &task, &v, ctx.facts(), 2_000, &ctx.graph);
    // companionship is required; first aid is an extra elderly-care skill: +5
    assert_eq!(
        base,
        ScoreBreakdown {
            travel: -4,
            skill_fit: 5,
            continuity: 0,
            affinity: 0,
            load: 0,
            coordination: -200 // R12 is another community of R11's township
        }
    );
    v.skills.extend([
        Skill::Caregiving,
        Skill::Rehabilitation,
        Skill::Driving,
        Skill::LegalAid,
    ]);
    let skilled = scoring::volunteer_score(&policy, &task, &v, ctx.facts(), 2_000, &ctx.graph);
    assert_eq!(
        skilled.skill_fit, 15,
        "at most 3 extra skills count; legal aid is irrelevant"
    );
    v.organizations.insert(OrganizationId(5));
    let unrelated = scoring::volunteer_score(&policy, &task, &v, ctx.facts(), 2_000, &ctx.graph);
    assert_eq!(
        unrelated.affinity, 0,
        "O5 neither serves R11 nor delivers elderly care"
    );
    v.organizations.insert(OrganizationId(6));
    let linked = scoring::volunteer_score(&policy, &task, &v, ctx.facts(), 2_000, &ctx.graph);
    assert_eq!(linked.affinity, 10, "O6 delivers elderly care");
    v.committed_minutes = 120;
    ctx.resident.prior_volunteers.insert(VolunteerId(1));
    let loaded = scoring::volunteer_score(&policy, &task, &v, ctx.facts(), 2_000, &ctx.graph);
    assert_eq!((loaded.load, loaded.continuity), (-10, 30));
}

#[test]
fn organization_scores_only_load_and_level() {
    let policy = MatchPolicy::default();
    let ctx = Ctx::new();
    let mut o = fx::organization(1);
    let score = |o: &wushe::model::SocialOrganization| {
        scoring::organization_score(&policy, o, ctx.facts(), &ctx.graph)
    };
    // O1 serves the township R10 of the need's community R11: the township's pool
    assert_eq!(score(&o).total(), -4 - 200);
    o.active_cases = 0;
    assert_eq!(
        score(&o),
        ScoreBreakdown {
            coordination: -200,
            ..ScoreBreakdown::default()
        }
    );
    o.serves.insert(RegionId(11));
    assert_eq!(
        score(&o),
        ScoreBreakdown::default(),
        "it serves the community itself"
    );
}

#[test]
fn every_person_score_lies_within_the_bound() {
    let policy = MatchPolicy::default().with_max_extra_skills(50);
    let b = EdgeScoreBound::of(&policy);
    let ctx = Ctx::new();
    let mut v = fx::volunteer(1, 12);
    v.skills = Skill::ALL.into_iter().collect();
    v.committed_minutes = 240;
    let mut p = ctx.resident.clone();
    p.prior_volunteers.insert(VolunteerId(1));
    let facts = NeedFacts::new(&ctx.need, &p);
    let role = RoleSpec::Volunteers {
        count: 1,
        skills: BTreeSet::new(),
        weekly_minutes: 0,
        risky: false,
        min_age: None,
    };
    let task = VolunteerTask::from_spec(&role).expect("volunteer role");
    for d in [0, 5_000, u64::MAX] {
        let s = scoring::volunteer_score(&policy, &task, &v, facts, d, &ctx.graph);
        assert!((-b.loss..=b.gain).contains(&s.total()), "{s:?}");
    }
}
