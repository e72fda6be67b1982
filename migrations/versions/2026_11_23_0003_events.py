"""Collaboration days: events, programme, checklist, participants, seating, feedback.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('venue', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('table_min', sa.Integer(), nullable=False),
    sa.Column('table_max', sa.Integer(), nullable=False),
    sa.Column('learning_goals', sa.Text(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('planned', 'open', 'closed', 'held')", name=op.f('ck_event_status')),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_event_capacity')),
    sa.CheckConstraint('table_min >= 2 AND table_max >= table_min', name=op.f('ck_event_table_range')),
    sa.ForeignKeyConstraint(['locality_id'], ['locality.id'], name=op.f('fk_event_locality_id_locality'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_locality_id'), ['locality_id'], unique=False)

    op.create_table('event_checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_checklist_item_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_checklist_item'))
    )
    with op.batch_alter_table('event_checklist_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_checklist_item_event_id'), ['event_id'], unique=False)

    op.create_table('event_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('organisation', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('dietary', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('unit_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('table_no', sa.Integer(), nullable=True),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('erased_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('professional', 'leader', 'gp', 'youth', 'parent', 'user_org')", name=op.f('ck_event_participant_kind')),
    sa.CheckConstraint("status IN ('registered', 'waitlisted', 'cancelled')", name=op.f('ck_event_participant_status')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_participant_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['locality.id'], name=op.f('fk_event_participant_municipality_id_locality'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_event_participant_service_type_id_service_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participant')),
    sa.UniqueConstraint('event_id', 'email', name=op.f('uq_event_participant_event_id_email')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_event_participant_token_hash'))
    )
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participant_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participant_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participant_service_type_id'), ['service_type_id'], unique=False)

    op.create_table('event_programme_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('speaker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.CheckConstraint("kind IN ('talk', 'group_work', 'information', 'break')", name=op.f('ck_event_programme_item_kind')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_programme_item_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_programme_item'))
    )
    with op.batch_alter_table('event_programme_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_programme_item_event_id'), ['event_id'], unique=False)

    op.create_table('event_seating',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_seating_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_seating'))
    )
    op.create_table('feedback_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.CheckConstraint("kind IN ('scale', 'text')", name=op.f('ck_feedback_question_kind')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_feedback_question_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_question'))
    )
    with op.batch_alter_table('feedback_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_question_event_id'), ['event_id'], unique=False)

    op.create_table('feedback_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_feedback_response_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_response'))
    )
    with op.batch_alter_table('feedback_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_response_event_id'), ['event_id'], unique=False)

    op.create_table('feedback_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_feedback_token_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_feedback_token_token_hash'))
    )
    with op.batch_alter_table('feedback_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_token_event_id'), ['event_id'], unique=False)

    op.create_table('feedback_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.CheckConstraint('value IS NULL OR (value >= 1 AND value <= 5)', name=op.f('ck_feedback_answer_value')),
    sa.ForeignKeyConstraint(['question_id'], ['feedback_question.id'], name=op.f('fk_feedback_answer_question_id_feedback_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['feedback_response.id'], name=op.f('fk_feedback_answer_response_id_feedback_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_answer'))
    )
    with op.batch_alter_table('feedback_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_answer_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_answer_response_id'), ['response_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('feedback_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_answer_response_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_answer_question_id'))

    op.drop_table('feedback_answer')
    with op.batch_alter_table('feedback_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_token_event_id'))

    op.drop_table('feedback_token')
    with op.batch_alter_table('feedback_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_response_event_id'))

    op.drop_table('feedback_response')
    with op.batch_alter_table('feedback_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_question_event_id'))

    op.drop_table('feedback_question')
    op.drop_table('event_seating')
    with op.batch_alter_table('event_programme_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_programme_item_event_id'))

    op.drop_table('event_programme_item')
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participant_service_type_id'))
        batch_op.drop_index(batch_op.f('ix_event_participant_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_event_participant_event_id'))

    op.drop_table('event_participant')
    with op.batch_alter_table('event_checklist_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_checklist_item_event_id'))

    op.drop_table('event_checklist_item')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_locality_id'))

    op.drop_table('event')
