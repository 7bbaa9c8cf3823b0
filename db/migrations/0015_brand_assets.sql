CREATE TABLE "tenant_assets" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_length" integer NOT NULL,
	"sha256" text NOT NULL,
	"source_url" text NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_assets_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind"),
	CONSTRAINT "tenant_assets_kind" CHECK ("tenant_assets"."kind" in ('logo', 'favicon')),
	CONSTRAINT "tenant_assets_sha256_format" CHECK ("tenant_assets"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "tenant_assets_size" CHECK ("tenant_assets"."byte_length" = octet_length("tenant_assets"."bytes") and "tenant_assets"."byte_length" <= 524288)
);
--> statement-breakpoint
ALTER TABLE "tenant_assets" ADD CONSTRAINT "tenant_assets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- tenant_assets belong to a tenant: the same ENABLE + FORCE row-level security as every tenant table.
ALTER TABLE "tenant_assets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant_assets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "tenant_assets"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
