//! Sending a composed request on the workbench: with the profile's shared session, cancellable
//! by id, its links added to the profile's map and the response held for the viewer; and the
//! `{{variables}}` a draft would use. [`Workbench::send`] is the one way a front end sends a
//! draft: the app's Send button and `vcdw send` both come here.

use crate::auth::{AuthKind, RequestAuth};
use crate::discover::{map_page, page_links};
use crate::error::CoreError;
use crate::http::{ExchangeStep, Response};
use crate::request::{RequestDraft, VariableUse};
use crate::store::ConnectionProfile;
use crate::view::ResponseView;
use crate::workbench::{blocking, lock, Workbench};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use ts_rs::TS;

/// A response as a front end gets it: the view, the id to ask for its body with, and the
/// exchanges behind it (the Wire tab).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SentResponse {
    pub id: u32,
    pub view: ResponseView,
    pub wire: Vec<ExchangeStep>,
    /// The tasks the response is, names in `Location` or embeds (running or not): the front end
    /// follows the running ones ([`Workbench::watch_task`]).
    pub tasks: Vec<crate::TaskView>,
}

impl Workbench {
    /// The `{{name}}`s a profile defines: the environment's (Settings) and the profile's, which win.
    fn defined_variables(
        &self,
        profile_variables: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>, CoreError> {
        let environment = self.settings()?.variables;
        Ok(crate::request::defined_variables(
            &environment,
            profile_variables,
        ))
    }

    /// Sends `draft` with the session of `profile_id` (see [`Workbench::login`] and
    /// [`Workbench::adopt_session`]). `request_id` names it for [`Workbench::cancel`]. Requests of
    /// one profile run side by side on its session.
    pub async fn send(
        &self,
        profile_id: &str,
        request_id: u32,
        draft: RequestDraft,
        auth: RequestAuth,
    ) -> Result<SentResponse, CoreError> {
        let live = self.logged_in(profile_id)?;
        // The draft is checked once its {{variables}} are resolved: a JSON body such as
        // `{"n": {{count}}}` is only well-formed then.
        let vars = self.defined_variables(&live.variables)?;
        let advertised = draft.advertised.clone();
        let task = tokio::spawn(async move {
            let sent = draft.send_as(&live.manager, &auth, &vars).await?;
            // How the request was authenticated, for the hint on a 403.
            let kind = match &auth {
                RequestAuth::Inherit => live.manager.session().map(|s| s.auth),
                RequestAuth::ApiToken { .. } => Some(AuthKind::ApiToken),
                _ => None,
            };
            Ok::<_, CoreError>((sent, kind))
        });
        lock(&self.in_flight).insert(request_id, task.abort_handle());
        let outcome = task.await;
        lock(&self.in_flight).remove(&request_id);
        let (sent, auth) = match outcome {
            Ok(result) => result?,
            Err(e) if e.is_cancelled() => return Err(CoreError::Cancelled),
            Err(e) => return Err(CoreError::Internal(e.to_string())),
        };
        let response = sent.response;
        // Reading the links of a large body takes a moment: off the async workers.
        // The profile's map gets every link, however many: a capped page is read again, as a
        // stream, into it (Save all links).
        let maps = self.maps.clone();
        let profile = profile_id.to_string();
        let (response, page, found) = blocking(move || {
            let found = crate::tasks::tasks_in(&response);
            let page = page_links(&response);
            if let Ok(p) = &page {
                let mut maps = lock(&maps);
                if let Err(e) = map_page(maps.entry(profile).or_default(), &response, p) {
                    tracing::warn!("the links of {} were not all kept: {e}", response.url);
                }
            }
            Ok((response, page, found))
        })
        .await?;
        let tasks = found
            .iter()
            .map(|t| self.note_task(profile_id, t))
            .collect();
        let view = ResponseView::with_page(&response, &page, auth, advertised.as_ref())
            .capped(self.listed_links);
        let id = lock(&self.held).hold(response, page.unwrap_or_default());
        Ok(SentResponse {
            id,
            view,
            wire: sent.exchange.steps,
            tasks,
        })
    }

    /// A held response as it came (`vcdw send` prints its body from here).
    pub fn response(&self, response_id: u32) -> Result<Arc<Response>, CoreError> {
        Ok(self.held(response_id)?.response)
    }

    /// Cancels a request in flight; nothing happens if it has already ended.
    pub fn cancel(&self, request_id: u32) {
        if let Some(handle) = lock(&self.in_flight).remove(&request_id) {
            handle.abort();
        }
    }

    /// The `{{name}}`s a draft uses and their values for this profile (the composer shows them).
    pub fn draft_variables(
        &self,
        profile: &ConnectionProfile,
        draft: &RequestDraft,
    ) -> Result<Vec<VariableUse>, CoreError> {
        let defined = self.defined_variables(&profile.variables)?;
        let vars = match self.session(&profile.id) {
            Some(live) => RequestDraft::variables(&live.manager, &defined),
            None => defined,
        };
        Ok(draft.variable_uses(&vars))
    }
}
