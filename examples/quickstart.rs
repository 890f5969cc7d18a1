//! Quickstart: the source article's case built in code, matched, checked and explained.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! A left-behind child with cerebral palsy (a minor: everyone near her must be vetted) lives in
//! village `R100`. Her help group is a lead social worker from the township station, money
//! from a fund earmarked for disabled people (a home-safety modification), training of the
//! family in care by a social organization, and two vetted volunteers visiting on Saturday
//! mornings for rehabilitation exercises. Every entity is built with its constructor, its
//! documented defaults and `with_*` setters; the scenario is validated once, by `build()`.
//! `wushe::demo` has more named scenarios with documented answers.

use wushe::model::*;
use wushe::plan::check_plan;
use wushe::{MatchPolicy, StrategyKind, match_scenario};

/// The article's case as of `today`, ready to `build()` (the tests reuse it).
pub fn article_case(today: Date) -> ScenarioBuilder {
    let vetted = Vetting::passed(today.plus_days(365));
    let saturday = [WeeklySlot::new(Weekday::Sat, DayPart::Morning)];
    let (county, township, village) = (RegionId(1), RegionId(10), RegionId(100));
    let care = Category::DisabilitySupport;
    let window = DateWindow::new(today, today.plus_days(90));
    let volunteer = |id| {
        Volunteer::new(VolunteerId(id), village)
            .with_skills([Skill::Rehabilitation, Skill::Caregiving])
            .with_availability(saturday)
            .with_vetting(vetted)
    };
    ScenarioBuilder::new("left-behind child with cerebral palsy", today)
        .region(Region::county(county, "County"))
        .region(Region::township(township, "Township", county))
        .region(Region::community(village, "Village", township).with_location(3_000, 0))
        .road(Road::new(township, village, 3_500))
        .worker(
            SocialWorker::new(WorkerId(1), township)
                .with_licence(Licence::SocialWorker)
                .with_specialties([care, Category::ChildProtection])
                .with_vetting(vetted),
        )
        .organization(
            SocialOrganization::new(OrganizationId(1), "Family care training centre")
                .with_categories([care])
                .with_serves([county]),
        )
        .fund(
            CharityResource::money(FundId(1), "Disability fund", 500_000, OrganizationId(1))
                .with_earmark(Earmark::default().with_groups([BeneficiaryGroup::Disabled])),
        )
        .volunteer(volunteer(1))
        .volunteer(volunteer(2))
        .resident(
            Resident::new(ResidentId(1), village)
                .with_minor(true)
                .with_vulnerabilities([
                    Vulnerability::LeftBehindChild,
                    Vulnerability::Disabled { grade: 1 },
                ]),
        )
        .need(
            Need::new(NeedId(1), ResidentId(1), care, window)
                .with_risk(RiskTier::High)
                .with_slots(saturday)
                .with_lead_worker(Licence::SocialWorker)
                .with_money(300_000) // 3,000 yuan, in fen
                .with_organization()
                .with_volunteers(2, [Skill::Rehabilitation], 120),
        )
}

fn main() -> Result<(), wushe::Error> {
    let today: Date = "2026-11-30".parse()?;
    let scenario = article_case(today).build()?; // validates every entity, reports every problem

    let plan = match_scenario(
        &scenario,
        &MatchPolicy::default(),
        StrategyKind::MinCostFlow,
    )?;
    check_plan(&scenario, &plan)?; // the independent checker: every hard rule holds
    println!("{plan}");
    for assignment in &plan.assignments {
        println!("  {assignment:#}");
    }
    for unmet in &plan.unmet {
        println!("  {unmet}");
    }

    // What if the second volunteer's vetting had lapsed? Edit her in place and match again.
    let mut lapsed = scenario.clone();
    if let Some(v) = lapsed.volunteer_mut(VolunteerId(2)) {
        v.vetting = Vetting::passed(today.plus_days(-1));
    }
    let plan = match_scenario(&lapsed, &MatchPolicy::default(), StrategyKind::MinCostFlow)?;
    println!("with V2's vetting lapsed: {plan}");
    for unmet in &plan.unmet {
        println!("  {unmet}");
    }
    Ok(())
}
