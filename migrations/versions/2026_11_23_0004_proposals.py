"""Change proposals, their comments, review rounds and assessments.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('review_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('opens_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closes_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_review_round_period')),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_review_round_locality_id_locality'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_round'))
    )
    with op.batch_alter_table('review_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_round_locality_id'), ['locality_id'], unique=False)

    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=False),
    sa.Column('traffic_light', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("traffic_light IN ('green', 'yellow', 'red')", name=op.f('ck_assessment_traffic_light')),
    sa.ForeignKeyConstraint(['municipality_id'], ['locality.id'], name=op.f('fk_assessment_municipality_id_locality'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathway.id'], name=op.f('fk_assessment_pathway_id_pathway'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['review_round.id'], name=op.f('fk_assessment_round_id_review_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_assessment_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('round_id', 'municipality_id', 'pathway_id', 'service_type_id', name=op.f('uq_assessment_round_id_municipality_id_pathway_id_service_type_id'))
    )
    op.create_table('change_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('service_work', sa.Text(), nullable=False),
    sa.Column('traffic_light', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('proposer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('based_on', sa.Integer(), nullable=True),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('decided_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('revision_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("lang IN ('nb', 'nn')", name=op.f('ck_change_proposal_lang')),
    sa.CheckConstraint("mode IN ('replace', 'append', 'hide')", name=op.f('ck_change_proposal_mode')),
    sa.CheckConstraint("status IN ('submitted', 'accepted', 'rejected', 'withdrawn')", name=op.f('ck_change_proposal_status')),
    sa.CheckConstraint("traffic_light IS NULL OR traffic_light IN ('green', 'yellow', 'red')", name=op.f('ck_change_proposal_traffic_light')),
    sa.ForeignKeyConstraint(['based_on'], ['text_revision.id'], name=op.f('fk_change_proposal_based_on_text_revision'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_change_proposal_locality_id_locality'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathway.id'], name=op.f('fk_change_proposal_pathway_id_pathway'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['revision_id'], ['text_revision.id'], name=op.f('fk_change_proposal_revision_id_text_revision'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['review_round.id'], name=op.f('fk_change_proposal_round_id_review_round'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_change_proposal_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_proposal'))
    )
    with op.batch_alter_table('change_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_proposal_locality_id'), ['locality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_proposal_proposer'), ['proposer'], unique=False)
        batch_op.create_index('ix_change_proposal_slot', ['round_id', 'locality_id', 'pathway_id', 'service_type_id', 'section'], unique=False)

    op.create_table('review_round_pathway',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathway.id'], name=op.f('fk_review_round_pathway_pathway_id_pathway'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['review_round.id'], name=op.f('fk_review_round_pathway_round_id_review_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'pathway_id', name=op.f('pk_review_round_pathway'))
    )
    op.create_table('proposal_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['change_proposal.id'], name=op.f('fk_proposal_comment_proposal_id_change_proposal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_comment'))
    )
    with op.batch_alter_table('proposal_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_comment_proposal_id'), ['proposal_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('proposal_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_comment_proposal_id'))

    op.drop_table('proposal_comment')
    op.drop_table('review_round_pathway')
    with op.batch_alter_table('change_proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_change_proposal_slot')
        batch_op.drop_index(batch_op.f('ix_change_proposal_proposer'))
        batch_op.drop_index(batch_op.f('ix_change_proposal_locality_id'))

    op.drop_table('change_proposal')
    op.drop_table('assessment')
    with op.batch_alter_table('review_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_round_locality_id'))

    op.drop_table('review_round')
