//! The HTTP method each VCD link relation implies, so a followed link is sent with the right verb.

/// The HTTP method a link relation implies: VCD's HATEOAS verbs (`edit` → PUT, `add` → POST,
/// `remove` → DELETE, actions such as `power:powerOn`, `deploy`, `task:cancel` → POST; navigation
/// such as `down`, `up`, `alternate`, paging → GET).
pub fn method_for_rel(rel: &str) -> &'static str {
    match rel {
        "edit" => "PUT",
        "remove" => "DELETE",
        "add"
        | "deploy"
        | "undeploy"
        | "instantiate"
        | "instantiateVAppTemplate"
        | "composeVApp"
        | "recompose"
        | "recomposeVApp"
        | "controlAccess"
        | "discardState"
        | "enable"
        | "disable"
        | "consolidate"
        | "relocate"
        | "upgrade"
        | "install"
        | "uninstall"
        | "acquireTicket"
        | "acquireMksTicket"
        | "customizeAtNextPowerOn"
        | "reconfigureVm"
        | "upload"
        | "copy"
        | "move"
        | "checkPostCustomizationScript"
        | "enterMaintenanceMode"
        | "exitMaintenanceMode"
        | "repair"
        | "reconnect"
        | "takeOwnership"
        | "snapshot:create"
        | "snapshot:revertToCurrent"
        | "snapshot:removeAll"
        | "installVmwareTools"
        | "media:insertMedia"
        | "media:ejectMedia"
        | "disk:attach"
        | "disk:detach"
        | "publish"
        | "subscribe"
        | "sync"
        | "syncSyndicatedItem"
        | "merge"
        | "catalogItem"
        | "blockingTask:resume"
        | "blockingTask:abort"
        | "blockingTask:fail"
        | "task:cancel" => "POST",
        "screen:thumbnail" => "GET",
        // Namespaced actions (`power:powerOn`, `snapshot:...`, `task:...`) are POSTs; the
        // navigational `down:*` family (`down:extensibility`) is a GET.
        r if r.contains(':') && !r.starts_with("down") => "POST",
        r if r.starts_with("action") => "POST",
        _ => "GET",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rels_imply_vcd_verbs() {
        for (rel, method) in [
            ("down", "GET"),
            ("up", "GET"),
            ("alternate", "GET"),
            ("nextPage", "GET"),
            ("down:extensibility", "GET"),
            ("edit", "PUT"),
            ("add", "POST"),
            ("remove", "DELETE"),
            ("power:powerOn", "POST"),
            ("deploy", "POST"),
            ("task:cancel", "POST"),
            ("snapshot:create", "POST"),
            ("instantiateVAppTemplate", "POST"),
            ("entityResolver", "GET"),
            ("screen:thumbnail", "GET"),
            ("openapi", "GET"),
        ] {
            assert_eq!(method_for_rel(rel), method, "{rel}");
        }
    }
}
