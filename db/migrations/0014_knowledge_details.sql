-- Issue 16 item 11: where a matter is handled (office, address, hours, documents, phone) and whether the
-- article is sample content, kept with each version (shared/schemas/knowledge.ts ZKnowledgeDetailsSchema).
ALTER TABLE "knowledge_article_versions" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;