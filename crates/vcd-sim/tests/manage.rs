//! The simulator's world changes through its actions and tasks, over HTTP on loopback: power and
//! deploy actions run as tasks to success, error or cancel; BUSY_ENTITY while one runs; bodies
//! checked as VCD checks them; rename, instantiate, delete, metadata and edge rules take effect.

mod common;

use common::start;
use vcd_api::types;

const NS: &str = "http://www.vmware.com/vcloud/v1.5";

#[tokio::test]
async fn power_on_runs_a_task_to_success_and_the_vapp_then_offers_power_off() {
    let vcd = start(3, 300, &[]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let before = vcd.get(&vapp).await;
    assert_eq!(before.root_attr("status").as_deref(), Some("8"));
    let power_on = before
        .link("power:powerOn")
        .expect("a powered-off vApp offers powerOn");
    assert!(before.link("power:powerOff").is_none());

    let started = vcd.send("POST", &power_on, None).await;
    assert_eq!(started.status, 202, "{}", started.body);
    let location = started.header("location").unwrap().to_string();
    assert_eq!(
        started.root_attr("href").as_deref(),
        Some(location.as_str())
    );
    assert!(matches!(
        started.root_attr("status").as_deref(),
        Some("queued" | "running")
    ));
    assert!(
        started.link("task:cancel").is_some(),
        "a running task offers cancel"
    );
    // While it runs, the vApp embeds it and the records say it is busy.
    let during = vcd.get(&vapp).await;
    assert!(during.body.contains("<Tasks>"), "{}", during.body);

    let done = vcd.wait(&location).await;
    assert_eq!(done.root_attr("status").as_deref(), Some("success"));
    assert!(
        done.body.contains("<Progress>100</Progress>"),
        "{}",
        done.body
    );
    assert!(done.link("task:cancel").is_none());
    assert!(done.root_attr("endTime").is_some());

    let after = vcd.get(&vapp).await;
    assert_eq!(after.root_attr("status").as_deref(), Some("4"));
    assert_eq!(after.root_attr("deployed").as_deref(), Some("true"));
    assert!(after.link("power:powerOff").is_some());
    assert!(after.link("power:powerOn").is_none());
    assert!(
        after.link("remove").is_none(),
        "a deployed vApp is not offered for removal"
    );
    let record = vcd
        .get("/api/query?type=vApp&filter=name==web-frontend")
        .await;
    assert!(
        record.body.contains(r#"status="POWERED_ON""#),
        "{}",
        record.body
    );
}

#[tokio::test]
async fn acting_on_a_vapp_whose_task_runs_answers_busy_entity_naming_the_operation() {
    let vcd = start(3, 5_000, &[]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let deploy = format!("{vapp}/action/deploy");
    let body = format!(r#"<DeployVAppParams xmlns="{NS}" powerOn="false"/>"#);
    let started = vcd
        .send("POST", &deploy, Some((types::DEPLOY_PARAMS, &body)))
        .await;
    assert_eq!(started.status, 202, "{}", started.body);
    let busy = vcd
        .send("POST", &format!("{vapp}/power/action/powerOn"), None)
        .await;
    assert_eq!(busy.status, 400);
    assert_eq!(
        busy.root_attr("minorErrorCode").as_deref(),
        Some("BUSY_ENTITY")
    );
    let message = busy.root_attr("message").unwrap();
    assert!(
        message.contains("busy completing an operation VAPP_DEPLOY"),
        "{message}"
    );
    assert!(
        message.contains(started.header("location").unwrap()),
        "the hint names the task: {message}"
    );
    // One of its VMs is busy too.
    let vm = vcd.get(&vapp).await;
    let doc = vm.doc();
    let vm_href = doc
        .descendants()
        .find(|n| n.has_tag_name("Vm"))
        .and_then(|n| n.attribute("href"))
        .unwrap()
        .to_string();
    let vm_busy = vcd
        .send("POST", &format!("{vm_href}/power/action/powerOn"), None)
        .await;
    assert_eq!(
        vm_busy.root_attr("minorErrorCode").as_deref(),
        Some("BUSY_ENTITY")
    );
}

#[tokio::test]
async fn a_canceled_task_ends_canceled_and_leaves_the_vapp_as_it_was() {
    let vcd = start(3, 10_000, &[]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let started = vcd
        .send("POST", &format!("{vapp}/power/action/powerOn"), None)
        .await;
    let cancel = started.link("task:cancel").unwrap();
    assert_eq!(vcd.send("POST", &cancel, None).await.status, 204);
    let task = vcd.get(started.header("location").unwrap()).await;
    assert_eq!(task.root_attr("status").as_deref(), Some("canceled"));
    assert_eq!(
        vcd.get(&vapp).await.root_attr("status").as_deref(),
        Some("8")
    );
    let again = vcd.send("POST", &cancel, None).await;
    assert_eq!(again.status, 400);
    assert!(again
        .root_attr("message")
        .unwrap()
        .contains("already ended with status canceled"));
    // The org's task list holds it.
    let org = vcd.get("/api/org/").await;
    let doc = org.doc();
    let org_href = doc
        .descendants()
        .find(|n| n.has_tag_name("Org"))
        .and_then(|n| n.attribute("href"))
        .unwrap()
        .to_string();
    let org_page = vcd.get(&org_href).await;
    let org_doc = org_page.doc();
    let list = org_doc
        .descendants()
        .find(|n| n.attribute("type") == Some(types::TASKS_LIST))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    let tasks = vcd.get(list).await;
    assert!(
        tasks.body.contains(r#"status="canceled""#),
        "{}",
        tasks.body
    );
}

#[tokio::test]
async fn a_failing_operation_ends_in_error_with_vcds_error_and_changes_nothing() {
    let vcd = start(3, 100, &["vappPowerOn"]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let started = vcd
        .send("POST", &format!("{vapp}/power/action/powerOn"), None)
        .await;
    let done = vcd.wait(started.header("location").unwrap()).await;
    assert_eq!(done.root_attr("status").as_deref(), Some("error"));
    let doc = done.doc();
    let error = doc.descendants().find(|n| n.has_tag_name("Error")).unwrap();
    assert_eq!(
        error.attribute("minorErrorCode"),
        Some("INTERNAL_SERVER_ERROR")
    );
    assert!(error.attribute("message").unwrap().contains("vappPowerOn"));
    assert_eq!(
        vcd.get(&vapp).await.root_attr("status").as_deref(),
        Some("8")
    );
}

#[tokio::test]
async fn bodies_are_checked_for_media_type_namespace_element_order_and_values() {
    let vcd = start(3, 100, &[]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let deploy = format!("{vapp}/action/deploy");
    let good = format!(r#"<DeployVAppParams xmlns="{NS}" powerOn="false"/>"#);
    let wrong_type = vcd
        .send("POST", &deploy, Some(("application/xml", &good)))
        .await;
    assert_eq!(wrong_type.status, 415, "{}", wrong_type.body);
    let no_ns = vcd
        .send(
            "POST",
            &deploy,
            Some((
                types::DEPLOY_PARAMS,
                r#"<DeployVAppParams powerOn="false"/>"#,
            )),
        )
        .await;
    assert_eq!(no_ns.status, 400);
    assert_eq!(
        no_ns.root_attr("message").as_deref(),
        Some("cvc-elt.1: Cannot find the declaration of element 'DeployVAppParams'.")
    );
    let undeploy = vcd
        .send(
            "POST",
            &format!("{vapp}/action/undeploy"),
            Some((
                types::UNDEPLOY_PARAMS,
                &format!(r#"<UndeployVAppParams xmlns="{NS}"><UndeployPowerAction>unplug</UndeployPowerAction></UndeployVAppParams>"#),
            )),
        )
        .await;
    assert!(undeploy
        .root_attr("message")
        .unwrap()
        .starts_with("cvc-enumeration-valid: Value 'unplug'"));
    // Instantiate with Source before Description: the validator's message, as VCD passes it on.
    let vdc = vcd.get(&vapp).await.link("up").unwrap();
    let templates = vcd.get("/api/query?type=vAppTemplate").await;
    let tdoc = templates.doc();
    let template = tdoc
        .descendants()
        .find(|n| n.has_tag_name("VAppTemplateRecord"))
        .and_then(|n| n.attribute("href"))
        .unwrap()
        .to_string();
    let out_of_order = format!(
        r#"<InstantiateVAppTemplateParams xmlns="{NS}" name="x"><Source href="{template}"/><Description>d</Description></InstantiateVAppTemplateParams>"#
    );
    let refused = vcd
        .send(
            "POST",
            &format!("{vdc}/action/instantiateVAppTemplate"),
            Some((types::INSTANTIATE_PARAMS, &out_of_order)),
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused
            .root_attr("message")
            .unwrap()
            .starts_with("cvc-complex-type.2.4"),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn rename_instantiate_and_delete_show_in_the_vdc_and_in_queries() {
    let vcd = start(3, 50, &[]).await;
    let vapp = vcd.vapp("build-agent").await.unwrap();
    let edit = vcd.get(&vapp).await.link("edit").unwrap();
    let renamed = format!(
        r#"<VApp xmlns="{NS}" name="build-agent-2"><Description>renamed by a test</Description></VApp>"#
    );
    let t = vcd.send("PUT", &edit, Some((types::VAPP, &renamed))).await;
    assert_eq!(t.status, 202, "{}", t.body);
    vcd.wait(t.header("location").unwrap()).await;
    let page = vcd.get(&vapp).await;
    assert_eq!(page.root_attr("name").as_deref(), Some("build-agent-2"));
    assert!(page
        .body
        .contains("<Description>renamed by a test</Description>"));
    assert_eq!(
        vcd.vapp("build-agent-2").await.as_deref(),
        Some(vapp.as_str())
    );
    // A name already taken in the VDC is refused.
    let dup = format!(r#"<VApp xmlns="{NS}" name="web-frontend"/>"#);
    let refused = vcd.send("PUT", &edit, Some((types::VAPP, &dup))).await;
    assert_eq!(
        refused.root_attr("minorErrorCode").as_deref(),
        Some("DUPLICATE_NAME")
    );

    // Instantiate: 201, the new vApp unresolved with its running task, then resolved.
    let vdc = page.link("up").unwrap();
    let templates = vcd
        .get("/api/query?type=vAppTemplate&format=references")
        .await;
    let tdoc = templates.doc();
    let template = tdoc
        .descendants()
        .find(|n| n.has_tag_name("VAppTemplateReference"))
        .and_then(|n| n.attribute("href"))
        .unwrap()
        .to_string();
    let params = format!(
        r#"<InstantiateVAppTemplateParams xmlns="{NS}" name="made-by-test"><Description>new</Description><Source href="{template}"/><AllEULAsAccepted>true</AllEULAsAccepted></InstantiateVAppTemplateParams>"#
    );
    let made = vcd
        .send(
            "POST",
            &format!("{vdc}/action/instantiateVAppTemplate"),
            Some((types::INSTANTIATE_PARAMS, &params)),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.root_attr("status").as_deref(), Some("0"));
    let mdoc = made.doc();
    let task = mdoc
        .descendants()
        .find(|n| n.has_tag_name("Task"))
        .expect("the new vApp embeds its task");
    assert_eq!(task.attribute("operationName"), Some("vdcInstantiateVapp"));
    let task_href = task.attribute("href").unwrap().to_string();
    let new_href = made.root_attr("href").unwrap();
    vcd.wait(&task_href).await;
    assert_eq!(
        vcd.get(&new_href).await.root_attr("status").as_deref(),
        Some("8")
    );
    assert!(vcd.get(&vdc).await.body.contains("made-by-test"));
    assert_eq!(
        vcd.vapp("made-by-test").await.as_deref(),
        Some(new_href.as_str())
    );

    // Delete: a task, then gone from the VDC, the query and its own href.
    let remove = vcd.get(&new_href).await.link("remove").unwrap();
    let t = vcd.send("DELETE", &remove, None).await;
    assert_eq!(t.status, 202, "{}", t.body);
    vcd.wait(t.header("location").unwrap()).await;
    assert_eq!(vcd.vapp("made-by-test").await, None);
    assert_eq!(vcd.get(&new_href).await.status, 403);
    assert!(!vcd.get(&vdc).await.body.contains("made-by-test"));
}

#[tokio::test]
async fn deleting_a_deployed_vapp_is_refused_until_it_is_undeployed() {
    let vcd = start(8, 50, &[]).await;
    // db-backend starts powered on and deployed.
    let vapp = vcd.vapp("db-backend").await.unwrap();
    let refused = vcd.send("DELETE", &vapp, None).await;
    assert_eq!(refused.status, 400);
    assert!(refused
        .root_attr("message")
        .unwrap()
        .contains("Stop the vApp and try again"));
    let body = format!(
        r#"<UndeployVAppParams xmlns="{NS}"><UndeployPowerAction>powerOff</UndeployPowerAction></UndeployVAppParams>"#
    );
    let t = vcd
        .send(
            "POST",
            &format!("{vapp}/action/undeploy"),
            Some((types::UNDEPLOY_PARAMS, &body)),
        )
        .await;
    assert_eq!(t.status, 202, "{}", t.body);
    vcd.wait(t.header("location").unwrap()).await;
    let t = vcd.send("DELETE", &vapp, None).await;
    assert_eq!(t.status, 202, "{}", t.body);
}

#[tokio::test]
async fn metadata_values_are_typed_set_read_and_removed() {
    let vcd = start(3, 20, &[]).await;
    let vapp = vcd.vapp("web-frontend").await.unwrap();
    let value = |t: &str, v: &str| {
        format!(
            r#"<MetadataValue xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><TypedValue xsi:type="{t}"><Value>{v}</Value></TypedValue></MetadataValue>"#
        )
    };
    let key = format!("{vapp}/metadata/cost-center");
    let bad = vcd
        .send(
            "PUT",
            &key,
            Some((types::METADATA_VALUE, &value("MetadataNumberValue", "lots"))),
        )
        .await;
    assert_eq!(bad.status, 400);
    let t = vcd
        .send(
            "PUT",
            &key,
            Some((types::METADATA_VALUE, &value("MetadataNumberValue", "4711"))),
        )
        .await;
    assert_eq!(t.status, 202, "{}", t.body);
    vcd.wait(t.header("location").unwrap()).await;
    let got = vcd.get(&key).await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert!(
        got.body.contains(r#"xsi:type="MetadataNumberValue""#)
            && got.body.contains("<Value>4711</Value>")
    );
    assert!(vcd
        .get(&format!("{vapp}/metadata"))
        .await
        .body
        .contains("<Key>cost-center</Key>"));
    let t = vcd.send("DELETE", &key, None).await;
    vcd.wait(t.header("location").unwrap()).await;
    assert_eq!(vcd.get(&key).await.status, 404);
}

#[tokio::test]
async fn an_edge_gateway_takes_a_new_firewall_rule_through_configure_services() {
    let vcd = start(3, 20, &[]).await;
    let q = vcd.get("/api/query?type=edgeGateway").await;
    let doc = q.doc();
    let edge = doc
        .descendants()
        .find(|n| n.has_tag_name("EdgeGatewayRecord"))
        .and_then(|n| n.attribute("href"))
        .unwrap()
        .to_string();
    let page = vcd.get(&edge).await;
    let configure = page.link("edgeGateway:configureServices").unwrap();
    assert!(page.body.contains("ssh to web-frontend"));
    let rule = |order: &str| {
        format!(
            r#"<EdgeGatewayServiceConfiguration xmlns="{NS}"><FirewallService><IsEnabled>true</IsEnabled><DefaultAction>drop</DefaultAction><LogDefaultAction>false</LogDefaultAction><FirewallRule>{order}</FirewallRule></FirewallService></EdgeGatewayServiceConfiguration>"#
        )
    };
    let wrong = rule("<Policy>allow</Policy><IsEnabled>true</IsEnabled><DestinationPortRange>443</DestinationPortRange>");
    let refused = vcd
        .send(
            "POST",
            &configure,
            Some((types::EDGE_GATEWAY_CONFIG, &wrong)),
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.root_attr("message").unwrap().starts_with(
        "cvc-complex-type.2.4.a: Invalid content was found starting with element 'IsEnabled'"
    ));
    let right = rule("<IsEnabled>true</IsEnabled><Description>https in</Description><Policy>allow</Policy><Protocols><Tcp>true</Tcp></Protocols><Port>443</Port><DestinationPortRange>443</DestinationPortRange><DestinationIp>203.0.113.10</DestinationIp><SourceIp>Any</SourceIp>");
    let t = vcd
        .send(
            "POST",
            &configure,
            Some((types::EDGE_GATEWAY_CONFIG, &right)),
        )
        .await;
    assert_eq!(t.status, 202, "{}", t.body);
    vcd.wait(t.header("location").unwrap()).await;
    let after = vcd.get(&edge).await;
    assert!(
        after.body.contains("<Description>https in</Description>"),
        "{}",
        after.body
    );
    assert!(!after.body.contains("ssh to web-frontend"));
    roxmltree::Document::parse(&after.body).unwrap();
}
