"""Postings without the CHECK constraints of a positive period and dranst.

The ledger import, the only writer of postings, checks every period (from the posting's date) and
every dranst (1 to 9) before a row is sent; PostgreSQL checked both again for each of the millions
of rows a COPY stores, about a tenth of the COPY's time. A dranst keeps its choices, which forms check.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("budget", "0006_posting_without_primary_key_on_postgresql"),
    ]

    operations = [
        migrations.AlterField(
            model_name="posting",
            name="dranst",
            field=models.SmallIntegerField(choices=[(1, "Drift"), (2, "Statsrefusion"), (3, "Anlæg"), (4, "Renter"), (5, "Finansforskydninger"), (6, "Afdrag på lån"), (7, "Finansiering"), (8, "Aktiver"), (9, "Passiver")], verbose_name="dranst"),
        ),
        migrations.AlterField(
            model_name="posting",
            name="period",
            field=models.IntegerField(verbose_name="periode"),
        ),
    ]
