"""The first schema: runs, articles, events, incidents, reviews, ingest_errors.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 08:50:28.549356
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.String(length=255), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_type"), ["type"], unique=False)

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("engine", sa.String(length=16), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("content_type", sa.String(length=8), nullable=False),
        sa.Column("n_chars", sa.Integer(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_articles_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_articles_canonical_url")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_site"), ["site"], unique=False)

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_ingest_errors_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_errors")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_ingest_errors_fingerprint")),
    )
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ingest_errors_code"), ["code"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("intensity", sa.Float(), nullable=True),
        sa.Column("acled_event_type", sa.String(length=64), nullable=True),
        sa.Column("acled_sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("actor_country", sa.String(length=8), nullable=True),
        sa.Column("actor_sector", sa.String(length=8), nullable=True),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("recipient_country", sa.String(length=8), nullable=True),
        sa.Column("recipient_sector", sa.String(length=8), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("admin1", sa.String(length=255), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["articles.id"], name=op.f("fk_events_doc_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_events_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_events_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_admin1"), ["admin1"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_doc_id"), ["doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_killed"), ["killed"], unique=False)
        batch_op.create_index("ix_events_lat_lon", ["lat", "lon"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("reviewer", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_reviews_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_event_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_status"))
        batch_op.drop_index("ix_events_lat_lon")
        batch_op.drop_index(batch_op.f("ix_events_killed"))
        batch_op.drop_index(batch_op.f("ix_events_incident_id"))
        batch_op.drop_index(batch_op.f("ix_events_doc_id"))
        batch_op.drop_index(batch_op.f("ix_events_date"))
        batch_op.drop_index(batch_op.f("ix_events_country"))
        batch_op.drop_index(batch_op.f("ix_events_admin1"))

    op.drop_table("events")
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_errors_code"))

    op.drop_table("ingest_errors")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_site"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))

    op.drop_table("articles")
    op.drop_table("runs")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_type"))
        batch_op.drop_index(batch_op.f("ix_incidents_date"))
        batch_op.drop_index(batch_op.f("ix_incidents_country"))

    op.drop_table("incidents")
