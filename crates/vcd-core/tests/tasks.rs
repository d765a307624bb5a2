//! Tasks through the workbench against vcd-sim over HTTP: a power action's 202 is tracked and
//! followed to success (the vApp then powered on), a failing operation ends in error with its Error
//! decoded, a cancel leaves the vApp as it was, BUSY_ENTITY while a task runs, and an instantiated
//! vApp's embedded task is found too.

use vcd_core::{
    ConnectionProfile, DraftSeed, ProfileStore, RequestAuth, RequestDraft, Secret, SecretStore,
    Settings, TaskStatus, TlsTrust, Workbench,
};
use vcd_sim::{RunningSim, Scenario, SimOptions};

fn workbench(dir: &std::path::Path) -> Workbench {
    Workbench::with_stores(
        Ok(ProfileStore::at(dir.join("profiles.json"))),
        SecretStore::memory_only("a test"),
        Ok(Settings::default()),
    )
}

fn draft(method: &str, url: &str, media_type: Option<&str>, body: Option<&str>) -> RequestDraft {
    RequestDraft::prefilled(&DraftSeed {
        method: method.into(),
        url: url.into(),
        media_type: media_type.map(str::to_string),
        version: "38.0".into(),
        body: body.map(str::to_string),
        advertised: None,
    })
}

struct World {
    _sim: RunningSim,
    wb: Workbench,
    id: String,
    _dir: tempfile::TempDir,
}

async fn world(task_ms: u64, failing: &[&str]) -> World {
    let mut scenario = Scenario::demo();
    scenario.task_ms = task_ms;
    scenario.failing_operations = failing.iter().map(|s| s.to_string()).collect();
    let sim = vcd_sim::start(SimOptions {
        scenario,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let demo = Scenario::demo_credentials();
    let profile = ConnectionProfile {
        id: "sim".into(),
        name: "Simulator".into(),
        base_url: sim.url().to_string(),
        org: demo.org,
        user: demo.user,
        trust: TlsTrust::System,
        builtin_simulator: false,
        ..ConnectionProfile::demo()
    };
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(dir.path());
    wb.login_with(&profile, Secret::new(demo.password))
        .await
        .unwrap();
    World {
        _sim: sim,
        wb,
        id: profile.id,
        _dir: dir,
    }
}

impl World {
    async fn send(&self, d: RequestDraft) -> vcd_core::SentResponse {
        self.wb
            .send(&self.id, 1, d, RequestAuth::Inherit)
            .await
            .unwrap()
    }

    /// The first vApp's href, from the query service.
    async fn first_vapp(&self) -> String {
        let q = self
            .send(draft(
                "GET",
                "/api/query?type=vApp&format=references&filter=name==web-frontend",
                None,
                None,
            ))
            .await;
        q.view
            .references
            .iter()
            .find(|r| r.element == "VAppReference")
            .map(|r| r.href.clone())
            .expect("web-frontend is in the query")
    }

    async fn vapp_status(&self, href: &str) -> String {
        let page = self.send(draft("GET", href, None, None)).await;
        let body = self.wb.response_body(page.id, false, 0).await.unwrap().text;
        let doc = roxmltree::Document::parse(&body).unwrap();
        doc.root_element().attribute("status").unwrap().to_string()
    }
}

#[tokio::test]
async fn a_power_action_is_tracked_and_followed_to_success() {
    let w = world(400, &[]).await;
    let vapp = w.first_vapp().await;
    let sent = w
        .send(draft(
            "POST",
            &format!("{vapp}/power/action/powerOn"),
            None,
            None,
        ))
        .await;
    assert_eq!(sent.view.status, 202);
    assert_eq!(sent.tasks.len(), 1, "the 202's Task is found");
    let task = &sent.tasks[0].task;
    assert!(task.status.is_running());
    assert_eq!(task.operation_name, "vappPowerOn");
    assert!(task
        .owner
        .as_ref()
        .unwrap()
        .href
        .ends_with(vapp.rsplit('/').next().unwrap()));
    let mut updates = Vec::new();
    let end =
        w.wb.watch_task(&w.id, &task.href, |v| {
            updates.push((v.task.status, v.task.progress))
        })
        .await
        .unwrap();
    assert_eq!(end.task.status, TaskStatus::Success);
    assert_eq!(end.task.progress, Some(100));
    assert!(updates.len() >= 2, "polled while it ran: {updates:?}");
    assert!(end.elapsed_ms >= 300, "{}", end.elapsed_ms);
    assert_eq!(w.vapp_status(&vapp).await, "4", "powered on");
    let listed = w.wb.tasks();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].task.status, TaskStatus::Success);
}

#[tokio::test]
async fn a_failed_task_carries_its_error_decoded_and_changes_nothing() {
    let w = world(100, &["vappPowerOn"]).await;
    let vapp = w.first_vapp().await;
    let sent = w
        .send(draft(
            "POST",
            &format!("{vapp}/power/action/powerOn"),
            None,
            None,
        ))
        .await;
    let end =
        w.wb.watch_task(&w.id, &sent.tasks[0].task.href, |_| {})
            .await
            .unwrap();
    assert_eq!(end.task.status, TaskStatus::Error);
    let error = end.task.error.unwrap();
    assert_eq!(error.minor.as_deref(), Some("INTERNAL_SERVER_ERROR"));
    assert!(error.message.contains("vappPowerOn"));
    assert_eq!(w.vapp_status(&vapp).await, "8");
}

#[tokio::test]
async fn a_canceled_task_leaves_the_vapp_unchanged_and_busy_entity_is_answered_while_it_runs() {
    let w = world(20_000, &[]).await;
    let vapp = w.first_vapp().await;
    let deploy = format!(
        r#"<DeployVAppParams xmlns="{}" powerOn="true"/>"#,
        vcd_api::NS_VCLOUD
    );
    let sent = w
        .send(draft(
            "POST",
            &format!("{vapp}/action/deploy"),
            Some(vcd_api::types::DEPLOY_PARAMS),
            Some(&deploy),
        ))
        .await;
    assert_eq!(sent.view.status, 202, "{:?}", sent.view.error);
    let busy = w
        .send(draft(
            "POST",
            &format!("{vapp}/power/action/powerOn"),
            None,
            None,
        ))
        .await;
    assert_eq!(busy.view.status, 400);
    let error = busy.view.error.as_ref().unwrap();
    assert_eq!(error.minor.as_deref(), Some("BUSY_ENTITY"));
    assert!(error
        .hint
        .as_deref()
        .unwrap()
        .contains("Wait for it to end"));
    let href = sent.tasks[0].task.href.clone();
    let canceled = w.wb.cancel_task(&w.id, &href).await.unwrap();
    assert_eq!(canceled.task.status, TaskStatus::Canceled);
    assert_eq!(w.vapp_status(&vapp).await, "8", "unchanged");
    // Canceling again says why it cannot be.
    let again = w.wb.cancel_task(&w.id, &href).await.unwrap_err();
    assert!(again.to_string().contains("already ended"), "{again}");
}

#[tokio::test]
async fn an_instantiated_vapp_embeds_its_task_and_the_workbench_finds_it() {
    let w = world(200, &[]).await;
    let q = w
        .send(draft(
            "GET",
            "/api/query?type=vAppTemplate&format=references",
            None,
            None,
        ))
        .await;
    let template = q
        .view
        .references
        .iter()
        .find(|r| r.element == "VAppTemplateReference")
        .unwrap()
        .href
        .clone();
    let vdc = w
        .send(draft(
            "GET",
            "/api/query?type=orgVdc&format=references",
            None,
            None,
        ))
        .await
        .view
        .references
        .iter()
        .find(|r| r.element == "OrgVdcReference")
        .unwrap()
        .href
        .clone();
    let params = format!(
        r#"<InstantiateVAppTemplateParams xmlns="{}" name="from-core"><Source href="{template}"/></InstantiateVAppTemplateParams>"#,
        vcd_api::NS_VCLOUD
    );
    let made = w
        .send(draft(
            "POST",
            &format!("{vdc}/action/instantiateVAppTemplate"),
            Some(vcd_api::types::INSTANTIATE_PARAMS),
            Some(&params),
        ))
        .await;
    assert_eq!(made.view.status, 201);
    assert_eq!(made.tasks.len(), 1);
    assert_eq!(made.tasks[0].task.operation_name, "vdcInstantiateVapp");
    let end =
        w.wb.watch_task(&w.id, &made.tasks[0].task.href, |_| {})
            .await
            .unwrap();
    assert_eq!(end.task.status, TaskStatus::Success);
}
