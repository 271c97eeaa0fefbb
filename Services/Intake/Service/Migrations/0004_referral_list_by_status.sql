-- Lists filtered by status (`GET /v1/referrals?status=closed`) page through the integrator's
-- referrals in that status only, instead of walking all of them.
CREATE INDEX referrals_integrator_status_updated ON intake.referrals (integrator_id, status, updated_at, id);
