"""initial schema: reports, extractions, events, counts, tallies, claims, mentions,
incidents and corrections (see sitrep/store/tables.py)

Revision ID: 0001
Revises: 
Create Date: 2026-11-25

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('old_value', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('new_value', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('who', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )
    op.create_index('ix_corrections_target', 'corrections', ['table_name', 'row_id', 'field'])

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('event_type', sa.String(), nullable=True),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('contradiction', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('key', name=op.f('uq_incidents_key'))
    )
    op.create_index(op.f('ix_incidents_admin1'), 'incidents', ['admin1'])
    op.create_index(op.f('ix_incidents_country'), 'incidents', ['country'])
    op.create_index(op.f('ix_incidents_date'), 'incidents', ['date'])
    op.create_index(op.f('ix_incidents_event_type'), 'incidents', ['event_type'])

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('canonical_url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('near_duplicate_of', sa.Integer(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['near_duplicate_of'], ['reports.id'], name=op.f('fk_reports_near_duplicate_of_reports'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('canonical_url', name=op.f('uq_reports_canonical_url')),
    sa.UniqueConstraint('text_hash', name=op.f('uq_reports_text_hash'))
    )
    op.create_index(op.f('ix_reports_doc_id'), 'reports', ['doc_id'])
    op.create_index(op.f('ix_reports_near_duplicate_of'), 'reports', ['near_duplicate_of'])
    op.create_index(op.f('ix_reports_published'), 'reports', ['published'])

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(), nullable=True),
    sa.Column('speaker_role', sa.String(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('target', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_claims_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    op.create_index(op.f('ix_claims_report_id'), 'claims', ['report_id'])

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.Integer(), nullable=True),
    sa.Column('event_type', sa.String(), nullable=True),
    sa.Column('sub_event_type', sa.String(), nullable=True),
    sa.Column('attack_type', sa.String(), nullable=True),
    sa.Column('weapon', sa.String(), nullable=True),
    sa.Column('location_name', sa.String(), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('admin2', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('country_code', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('location_span', sa.JSON(), nullable=True),
    sa.Column('actor1_name', sa.String(), nullable=True),
    sa.Column('actor1_kind', sa.String(), nullable=True),
    sa.Column('actor1_span', sa.JSON(), nullable=True),
    sa.Column('actor2_name', sa.String(), nullable=True),
    sa.Column('actor2_kind', sa.String(), nullable=True),
    sa.Column('actor2_span', sa.JSON(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_events_incident_id_incidents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_events_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_admin1'), 'events', ['admin1'])
    op.create_index(op.f('ix_events_country'), 'events', ['country'])
    op.create_index(op.f('ix_events_date'), 'events', ['date'])
    op.create_index(op.f('ix_events_event_type'), 'events', ['event_type'])
    op.create_index(op.f('ix_events_fatalities'), 'events', ['fatalities'])
    op.create_index(op.f('ix_events_incident_id'), 'events', ['incident_id'])
    op.create_index(op.f('ix_events_report_id'), 'events', ['report_id'])

    op.create_table('extractions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('extracted_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_extractions_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extractions')),
    sa.UniqueConstraint('report_id', name=op.f('uq_extractions_report_id'))
    )
    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('amount_low', sa.Float(), nullable=True),
    sa.Column('amount_high', sa.Float(), nullable=True),
    sa.Column('currency', sa.String(), nullable=True),
    sa.Column('span', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_mentions_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    op.create_index(op.f('ix_mentions_report_id'), 'mentions', ['report_id'])

    op.create_table('tallies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('area', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('span', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_tallies_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tallies'))
    )
    op.create_index(op.f('ix_tallies_country'), 'tallies', ['country'])
    op.create_index(op.f('ix_tallies_report_id'), 'tallies', ['report_id'])

    op.create_table('counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('tally_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('group', sa.String(), nullable=False),
    sa.Column('best', sa.Integer(), nullable=False),
    sa.Column('low', sa.Integer(), nullable=True),
    sa.Column('high', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('span', sa.JSON(), nullable=True),
    sa.CheckConstraint('(event_id IS NULL) <> (tally_id IS NULL)', name=op.f('ck_counts_one_parent')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_counts_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_counts_report_id_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tally_id'], ['tallies.id'], name=op.f('fk_counts_tally_id_tallies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counts'))
    )
    op.create_index(op.f('ix_counts_event_id'), 'counts', ['event_id'])
    op.create_index(op.f('ix_counts_report_id'), 'counts', ['report_id'])
    op.create_index(op.f('ix_counts_tally_id'), 'counts', ['tally_id'])



def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_counts_tally_id'), table_name='counts')
    op.drop_index(op.f('ix_counts_report_id'), table_name='counts')
    op.drop_index(op.f('ix_counts_event_id'), table_name='counts')

    op.drop_table('counts')
    op.drop_index(op.f('ix_tallies_report_id'), table_name='tallies')
    op.drop_index(op.f('ix_tallies_country'), table_name='tallies')

    op.drop_table('tallies')
    op.drop_index(op.f('ix_mentions_report_id'), table_name='mentions')

    op.drop_table('mentions')
    op.drop_table('extractions')
    op.drop_index(op.f('ix_events_report_id'), table_name='events')
    op.drop_index(op.f('ix_events_incident_id'), table_name='events')
    op.drop_index(op.f('ix_events_fatalities'), table_name='events')
    op.drop_index(op.f('ix_events_event_type'), table_name='events')
    op.drop_index(op.f('ix_events_date'), table_name='events')
    op.drop_index(op.f('ix_events_country'), table_name='events')
    op.drop_index(op.f('ix_events_admin1'), table_name='events')

    op.drop_table('events')
    op.drop_index(op.f('ix_claims_report_id'), table_name='claims')

    op.drop_table('claims')
    op.drop_index(op.f('ix_reports_published'), table_name='reports')
    op.drop_index(op.f('ix_reports_near_duplicate_of'), table_name='reports')
    op.drop_index(op.f('ix_reports_doc_id'), table_name='reports')

    op.drop_table('reports')
    op.drop_index(op.f('ix_incidents_event_type'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_date'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_country'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_admin1'), table_name='incidents')

    op.drop_table('incidents')
    op.drop_index('ix_corrections_target', table_name='corrections')

    op.drop_table('corrections')
