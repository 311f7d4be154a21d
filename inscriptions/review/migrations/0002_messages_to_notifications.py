# The messages and notifications moved to the notifications app: their tables stay as they are
# (the models keep their db_table), only Django's state of the models moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0001_initial'),
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='messageattachment',
                    name='message',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='registration',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Message',
                ),
                migrations.DeleteModel(
                    name='MessageAttachment',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
            ],
        ),
    ]
