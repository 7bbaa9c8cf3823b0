CREATE TABLE "onboarding_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"platforms" "platform"[] NOT NULL,
	"app_origin" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "onboarding_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "onboarding_links_token_hash_format" CHECK ("onboarding_links"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "ad_accounts" ADD COLUMN "selected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "onboarding_link_id" uuid;--> statement-breakpoint
ALTER TABLE "onboarding_links" ADD CONSTRAINT "onboarding_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "onboarding_links_tenant_id_idx" ON "onboarding_links" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_onboarding_link_id_onboarding_links_id_fk" FOREIGN KEY ("onboarding_link_id") REFERENCES "public"."onboarding_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Accounts that existed before the picker stay synced: they count as picked when they were stored.
UPDATE "ad_accounts" SET "selected_at" = "created_at" WHERE "enabled";
--> statement-breakpoint
-- onboarding_links belong to a tenant: the same ENABLE + FORCE row-level security as every tenant table.
ALTER TABLE "onboarding_links" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "onboarding_links" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "onboarding_links"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- An /onboard/<token> request must find its link before the tenant is known: a transaction that sets
-- app.onboarding_token_hash may read exactly that link's row (like hostname_lookup on tenant_domains).
CREATE POLICY token_lookup ON "onboarding_links" FOR SELECT
  USING (token_hash = nullif(current_setting('app.onboarding_token_hash', true), ''));
