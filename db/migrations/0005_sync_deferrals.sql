CREATE TYPE "public"."deferral_reason" AS ENUM('budget', 'breaker', 'quota');--> statement-breakpoint
ALTER TYPE "public"."sync_outcome" ADD VALUE 'deferred';--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "deferral_reason" "deferral_reason";