-- Hourly housekeeping deletes invitations and password-reset links that can no longer be used. It
-- runs without a tenant, agency or user scope, so these tables' scoped policies hide every row from
-- it: a transaction that sets app.housekeeping = 'purge' may see and delete finished rows only
-- (expired, used, accepted or revoked), never a link that still works.
CREATE POLICY housekeeping_purge ON "invitations" FOR SELECT
  USING (
    current_setting('app.housekeeping', true) = 'purge'
    AND (expires_at < now() OR accepted_at IS NOT NULL OR revoked_at IS NOT NULL)
  );
--> statement-breakpoint
CREATE POLICY housekeeping_purge_delete ON "invitations" FOR DELETE
  USING (
    current_setting('app.housekeeping', true) = 'purge'
    AND (expires_at < now() OR accepted_at IS NOT NULL OR revoked_at IS NOT NULL)
  );
--> statement-breakpoint
CREATE POLICY housekeeping_purge ON "password_resets" FOR SELECT
  USING (current_setting('app.housekeeping', true) = 'purge' AND (expires_at < now() OR used_at IS NOT NULL));
--> statement-breakpoint
CREATE POLICY housekeeping_purge_delete ON "password_resets" FOR DELETE
  USING (current_setting('app.housekeeping', true) = 'purge' AND (expires_at < now() OR used_at IS NOT NULL));
