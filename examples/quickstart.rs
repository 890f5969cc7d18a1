//! Quickstart: build a tiny township in code, match it, and read the plan with its reasons.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! The scenario is the article's case (a left-behind child with cerebral palsy who needs a
//! help group: a licensed social worker, a vetted rehabilitation volunteer and money for a
//! home-safety modification), plus an elderly neighbour who wants a weekly rehabilitation
//! visit (vetting is required only for minors, so the unvetted volunteer may serve him), and a
//! second child who needs a tutor nobody in the township can be (unmet, with the reasons).
//! `wushe::demo` has more named scenarios with documented answers.

use std::collections::BTreeSet;

use wushe::model::*;
use wushe::plan::{PlanMetrics, check_plan};
use wushe::{MatchPolicy, StrategyKind, match_scenario};

fn main() -> Result<(), wushe::Error> {
    // Start from the demo township: county R1, township R10 (station), communities R100-R102.
    let mut scenario = wushe::demo::left_behind_child();
    scenario.name = "quickstart".into();

    // A second resident, an elderly man living alone in R101, who wants a weekly visit from a
    // volunteer with rehabilitation skills — the same skill the child needs.
    scenario.residents.push(Resident {
        id: ResidentId(2),
        community: RegionId(101),
        minor: false,
        vulnerabilities: [Vulnerability::ElderlyInDifficulty {
            ability: AbilityLevel::Mild,
        }]
        .into(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    });
    let mut visit = scenario.needs[0].clone();
    visit.id = NeedId(2);
    visit.resident = ResidentId(2);
    visit.category = Category::ElderlyCare;
    visit.risk = RiskTier::General;
    visit.team = Team {
        rule: TeamRule::AllOrNothing,
        roles: vec![Role {
            spec: RoleSpec::Volunteers {
                count: 1,
                skills: [Skill::Rehabilitation].into(),
                weekly_minutes: 200,
                risky: false,
                min_age: None,
            },
            optional: false,
        }],
    };
    scenario.needs.push(visit);

    // The child also needs homework help, but no volunteer tutors: the plan says why.
    let mut tutoring = scenario.needs[1].clone();
    tutoring.id = NeedId(3);
    tutoring.resident = ResidentId(1);
    tutoring.category = Category::ChildProtection;
    tutoring.team.roles[0].spec = RoleSpec::Volunteers {
        count: 1,
        skills: [Skill::Tutoring].into(),
        weekly_minutes: 60,
        risky: false,
        min_age: Some(18),
    };
    scenario.needs.push(tutoring);
    scenario.validate()?;

    let plan = match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy)?;

    println!("objective {} ({:?})", plan.objective, plan.status);
    for a in &plan.assignments {
        println!(
            "  {} role {} <- {:>4} amount {:>7}  score {:>5} (travel {}, skill {}, continuity {}, affinity {}, load {})",
            a.need,
            a.role,
            a.provider.to_string(),
            a.amount,
            a.score.total(),
            a.score.travel,
            a.score.skill_fit,
            a.score.continuity,
            a.score.affinity,
            a.score.load
        );
    }
    for unmet in &plan.unmet {
        println!("  {} unmet:", unmet.need);
        for reason in &unmet.reasons {
            println!("    {reason:?}");
        }
    }
    match check_plan(&scenario, &plan) {
        Ok(()) => println!("independent check: OK"),
        Err(violations) => println!("independent check: {} violations", violations.len()),
    }
    println!("{}", PlanMetrics::compute(&scenario, &plan));
    Ok(())
}
