"""tallies.group_key: tallies of one area and period from different reports share a key

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('tallies') as batch:
        batch.add_column(sa.Column('group_key', sa.String(), nullable=True))
        batch.create_index(batch.f('ix_tallies_group_key'), ['group_key'])


def downgrade() -> None:
    with op.batch_alter_table('tallies') as batch:
        batch.drop_index(batch.f('ix_tallies_group_key'))
        batch.drop_column('group_key')
