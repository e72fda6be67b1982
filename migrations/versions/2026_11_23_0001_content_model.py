"""The content model: localities, catalogue, pathways, text revisions, keys, change log.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 10:45:54.235689
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('locality', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True),
    sa.Column('pathway', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.CheckConstraint("action IN ('upsert', 'delete')", name=op.f('ck_change_log_action')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_locality'), ['locality'], unique=False)

    op.create_table('locality',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('region', 'health_community', 'municipality')", name=op.f('ck_locality_kind')),
    sa.ForeignKeyConstraint(['parent_id'], ['locality.id'], name=op.f('fk_locality_parent_id_locality'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_locality')),
    sa.UniqueConstraint('code', name=op.f('uq_locality_code'))
    )
    with op.batch_alter_table('locality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_locality_parent_id'), ['parent_id'], unique=False)

    op.create_table('pathway',
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('title_nn', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('target_group', sa.Text(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published', 'retired')", name=op.f('ck_pathway_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pathway')),
    sa.UniqueConstraint('slug', name=op.f('uq_pathway_slug'))
    )
    op.create_table('service_type',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_nn', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("level IN ('municipal', 'specialist', 'state', 'other')", name=op.f('ck_service_type_level')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_type')),
    sa.UniqueConstraint('code', name=op.f('uq_service_type_code'))
    )
    op.create_table('api_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('reader', 'contributor', 'editor', 'admin')", name=op.f('ck_api_key_role')),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_api_key_locality_id_locality'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_key')),
    sa.UniqueConstraint('name', name=op.f('uq_api_key_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_key_token_hash'))
    )
    op.create_table('pathway_service_type',
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathway.id'], name=op.f('fk_pathway_service_type_pathway_id_pathway'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_pathway_service_type_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('pathway_id', 'service_type_id', name=op.f('pk_pathway_service_type'))
    )
    op.create_table('service_unit',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('visiting_address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_service_unit_locality_id_locality'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_service_unit_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_unit'))
    )
    with op.batch_alter_table('service_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_unit_locality_id'), ['locality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_unit_service_type_id'), ['service_type_id'], unique=False)

    op.create_table('text_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('valid_from', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('based_on', sa.Integer(), nullable=True),
    sa.Column('change_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('needs_local_adaptation', sa.Boolean(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("change_kind IN ('substantive', 'editorial')", name=op.f('ck_text_revision_change_kind')),
    sa.CheckConstraint("lang IN ('nb', 'nn')", name=op.f('ck_text_revision_lang')),
    sa.CheckConstraint("mode IN ('replace', 'append', 'hide', 'inherit')", name=op.f('ck_text_revision_mode')),
    sa.CheckConstraint("section IN ('role', 'assessment', 'measures', 'evaluation', 'collaboration', 'referral', 'links')", name=op.f('ck_text_revision_section')),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_text_revision_status')),
    sa.ForeignKeyConstraint(['based_on'], ['text_revision.id'], name=op.f('fk_text_revision_based_on_text_revision'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_text_revision_locality_id_locality'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathway.id'], name=op.f('fk_text_revision_pathway_id_pathway'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_text_revision_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_text_revision'))
    )
    with op.batch_alter_table('text_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_text_revision_locality_id'), ['locality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_text_revision_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index('ix_text_revision_slot', ['pathway_id', 'locality_id', 'service_type_id', 'section'], unique=False)

    op.create_table('service_unit_catchment',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_service_unit_catchment_locality_id_locality'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['service_unit.id'], name=op.f('fk_service_unit_catchment_unit_id_service_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', 'locality_id', name=op.f('pk_service_unit_catchment'))
    )
    with op.batch_alter_table('service_unit_catchment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_unit_catchment_locality_id'), ['locality_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('service_unit_catchment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_unit_catchment_locality_id'))

    op.drop_table('service_unit_catchment')
    with op.batch_alter_table('text_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_text_revision_slot')
        batch_op.drop_index(batch_op.f('ix_text_revision_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_text_revision_locality_id'))

    op.drop_table('text_revision')
    with op.batch_alter_table('service_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_unit_service_type_id'))
        batch_op.drop_index(batch_op.f('ix_service_unit_locality_id'))

    op.drop_table('service_unit')
    op.drop_table('pathway_service_type')
    op.drop_table('api_key')
    op.drop_table('service_type')
    op.drop_table('pathway')
    with op.batch_alter_table('locality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_locality_parent_id'))

    op.drop_table('locality')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_locality'))

    op.drop_table('change_log')
