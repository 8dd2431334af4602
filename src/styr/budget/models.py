"""Chart of accounts, budgets and their changes, and the ledger of postings.

Sign convention of the authorised chart: expenditure positive, income negative, in budgets and
ledger alike. The corrected budget (KB) is never stored: it is the original budget plus the
change rows (``rules.corrected_budget``; the overview sums them in ``overview.py``).
"""

from django.conf import settings
from django.db import models

from styr.core.money import MoneyField
from styr.organisation.models import CostCentre

# Hovedkonti of the authorised chart (Budget- og regnskabssystem for kommuner, kapitel 2).
MAIN_ACCOUNTS = {
    "0": "Byudvikling, bolig og miljø",
    "1": "Forsyningsvirksomheder",
    "2": "Transport og infrastruktur",
    "3": "Undervisning og kultur",
    "4": "Sundhedsområdet",
    "5": "Sociale opgaver og beskæftigelse",
    "6": "Fællesudgifter og administration",
    "7": "Renter, tilskud, udligning og skatter",
    "8": "Balanceforskydninger",
    "9": "Balance",
}


class Dranst(models.IntegerChoices):
    """DRift–ANlæg–STatus. 1 and 2 are operations, 3 capital."""

    DRIFT = 1, "Drift"
    REFUSION = 2, "Statsrefusion"
    ANLAEG = 3, "Anlæg"
    RENTER = 4, "Renter"
    FINANSFORSKYDNINGER = 5, "Finansforskydninger"
    AFDRAG = 6, "Afdrag på lån"
    FINANSIERING = 7, "Finansiering"
    AKTIVER = 8, "Aktiver"
    PASSIVER = 9, "Passiver"


OPERATIONS_DRANST = (Dranst.DRIFT, Dranst.REFUSION)
CAPITAL_DRANST = (Dranst.ANLAEG,)


class Classification(models.TextChoices):
    SERVICE = "service", "Serviceudgift"
    TRANSFER = "overfoersel", "Overførselsudgift"
    SUPPLY = "forsyning", "Forsyningsvirksomhed"
    FINANCING = "finansiering", "Finansiering"
    OTHER = "oevrig", "Øvrig"


class MainFunction(models.Model):
    year = models.PositiveSmallIntegerField("budgetår")
    code = models.CharField("hovedfunktion", max_length=5)  # "3.22"
    name = models.CharField("navn", max_length=200)

    class Meta:
        verbose_name = "hovedfunktion"
        verbose_name_plural = "hovedfunktioner"
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_main_function_per_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Function(models.Model):
    """A funktion of the authorised chart, ``h.hf.ff``, with its classification for the year."""

    year = models.PositiveSmallIntegerField("budgetår")
    code = models.CharField("funktion", max_length=8)  # "3.22.01"
    name = models.CharField("navn", max_length=200)
    classification = models.CharField("klassifikation", max_length=20, choices=Classification.choices,
                                      default=Classification.SERVICE)

    class Meta:
        verbose_name = "funktion"
        verbose_name_plural = "funktioner"
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_function_per_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def main_account(self) -> str:
        return self.code[0]

    @property
    def main_function_code(self) -> str:
        return self.code[:4]


class Art(models.Model):
    """Art: what kind of transaction ("1.0 Lønninger", "7.2 Salg af produkter …")."""

    year = models.PositiveSmallIntegerField("budgetår")
    code = models.CharField("art", max_length=4)  # "4.0"
    name = models.CharField("navn", max_length=200)

    class Meta:
        verbose_name = "art"
        verbose_name_plural = "arter"
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_art_per_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Profile(models.TextChoices):
    """How a budget line is spread over the months, for comparing actuals to date."""

    EVEN = "jaevn", "Jævnt over året"
    LAST_YEAR = "sidste_aar", "Som sidste års forbrug"
    SALARY = "loen", "Lønprofil"


class Budget(models.Model):
    """An adopted budget: the budget year and its multi-year estimates (overslagsår)."""

    budget_year = models.PositiveSmallIntegerField("budgetår", unique=True)
    name = models.CharField("navn", max_length=200)
    adopted_on = models.DateField("vedtaget den", null=True, blank=True)
    decision = models.CharField("beslutning", max_length=200, blank=True,
                                help_text="Fx «Kommunalbestyrelsens møde den 11. oktober 2021, sag 21-012345»")

    class Meta:
        verbose_name = "vedtaget budget"
        verbose_name_plural = "vedtagne budgetter"
        ordering = ["-budget_year"]

    def __str__(self) -> str:
        return self.name


class AccountString(models.Model):
    """The fields that place an amount in the chart: cost centre, function, dranst and art."""

    cost_centre = models.ForeignKey(CostCentre, verbose_name="omkostningssted", on_delete=models.PROTECT,
                                    related_name="+")
    function = models.ForeignKey(Function, verbose_name="funktion", on_delete=models.PROTECT, related_name="+")
    dranst = models.PositiveSmallIntegerField("dranst", choices=Dranst.choices)
    art = models.ForeignKey(Art, verbose_name="art", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class BudgetLine(AccountString):
    """One line of an adopted budget, for the budget year or one of its estimate years."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    year = models.PositiveSmallIntegerField("år")
    amount = MoneyField("beløb")
    profile = models.CharField("periodisering", max_length=12, choices=Profile.choices, default=Profile.EVEN)

    class Meta:
        verbose_name = "budgetlinje"
        verbose_name_plural = "budgetlinjer"
        indexes = [models.Index(fields=["year", "cost_centre"])]
        constraints = [models.UniqueConstraint(fields=["budget", "year", "cost_centre", "function", "dranst", "art"],
                                               name="unique_budget_line")]

    def __str__(self) -> str:
        return f"{self.cost_centre_id}/{self.function_id}/{self.dranst}/{self.art_id}: {self.amount} kr."


class ChangeKind(models.TextChoices):
    SUPPLEMENTARY = "tillaeg", "Tillægsbevilling"
    REALLOCATION = "omplacering", "Omplacering"
    CARRY_OVER = "overfoersel", "Overførsel fra sidste år"
    POOL_RELEASE = "pulje", "Udmøntning af pulje"


class BudgetChange(models.Model):
    """A decided change of the year's budget; its lines say where the money moves."""

    year = models.PositiveSmallIntegerField("år")
    kind = models.CharField("type", max_length=12, choices=ChangeKind.choices)
    decided_on = models.DateField("dato")
    body = models.CharField("besluttet af", max_length=100,
                            help_text="Fx Kommunalbestyrelsen, Økonomiudvalget, Direktionen")
    meeting_date = models.DateField("mødedato", null=True, blank=True)
    case_number = models.CharField("sagsnummer", max_length=40, blank=True)
    text = models.TextField("tekst")
    financing = models.TextField("finansiering", blank=True,
                                 help_text="Påkrævet for tillægsbevillinger: hvordan udgiften finansieres")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "budgetændring"
        verbose_name_plural = "budgetændringer"
        ordering = ["year", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on:%d-%m-%Y}: {self.text[:60]}"


class BudgetChangeLine(AccountString):
    change = models.ForeignKey(BudgetChange, on_delete=models.CASCADE, related_name="lines")
    amount = MoneyField("beløb")

    class Meta:
        verbose_name = "ændringslinje"
        verbose_name_plural = "ændringslinjer"

    def __str__(self) -> str:
        return f"{self.cost_centre_id}/{self.function_id}/{self.dranst}/{self.art_id}: {self.amount} kr."


class LedgerImport(models.Model):
    """One imported posting file: what it covered, and its content hash (the same file twice is a no-op)."""

    file_name = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    periods = models.JSONField("perioder", default=list)  # ["2022-07", …]
    row_count = models.PositiveIntegerField("posteringer", default=0)
    suspense_count = models.PositiveIntegerField("parkerede", default=0)
    total = MoneyField("sum", default=0)
    format_description = models.CharField("format", max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField("varighed (s)", default=0)  # a duration for display; never money

    class Meta:
        verbose_name = "bogføringsimport"
        verbose_name_plural = "bogføringsimporter"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({', '.join(self.periods)})"

    @property
    def periods_label(self) -> str:
        """The periods as a person says them: "januar–december 2022"."""
        from styr.documents.numbers import fmt_periods

        return fmt_periods([int(text[:4]) * 100 + int(text[5:7]) for text in self.periods])

    @property
    def period_codes(self) -> str:
        """The first and last period as the ERP writes them: "2022-01 – 2022-12", or "2022-07"."""
        ordered = sorted(self.periods)
        if not ordered:
            return ""
        return ordered[0] if len(ordered) == 1 else f"{ordered[0]} – {ordered[-1]}"


class Posting(models.Model):
    """A single posting from the ERP. Loaded in bulk (COPY on PostgreSQL), never one by one.

    The foreign keys here and in the two rollups below have no database constraint
    (``db_constraint=False``): the import (ledger_import.py), the only writer, checks every key
    against lookups it loads in the same transaction, and the database's own checks cost more than
    the rest of a 10-million-row import on PostgreSQL (four per row at commit). ``on_delete=PROTECT``
    still holds for the ORM, which is how cost centres, functions and arts are deleted.
    """

    # No CHECK constraints (the Positive… fields make them): the import checks its rows, and the
    # server would check every one of millions of rows again. Dranst by its choices.
    period = models.IntegerField("periode")  # yyyymm: the month a period import replaces
    date = models.DateField("dato")
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="+", db_index=False,
                                    db_constraint=False)
    function = models.ForeignKey(Function, on_delete=models.PROTECT, related_name="+", db_index=False,
                                 db_constraint=False)
    dranst = models.SmallIntegerField("dranst", choices=Dranst.choices)
    art = models.ForeignKey(Art, on_delete=models.PROTECT, related_name="+", db_index=False,
                            db_constraint=False)
    amount = MoneyField("beløb")
    text = models.CharField("tekst", max_length=200, blank=True)
    voucher = models.CharField("bilagsnr.", max_length=40, blank=True)
    grouping = models.CharField("gruppering", max_length=10, blank=True)
    project = models.CharField("projekt", max_length=40, blank=True)
    ledger_import = models.ForeignKey(LedgerImport, on_delete=models.PROTECT, related_name="+", db_index=False,
                                      db_constraint=False)

    class Meta:
        verbose_name = "postering"
        verbose_name_plural = "posteringer"
        # No index on the period alone: see migration 0005. On PostgreSQL the table has no primary key
        # (migration 0006): this is its one index.
        indexes = [models.Index(fields=["cost_centre", "period"], name="posting_cc_period")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.voucher} {self.amount} kr."


class LedgerMonth(models.Model):
    """Postings summed per month and account string: what drill-down to accounts reads.
    Its foreign keys have no database constraint: see Posting."""

    period = models.PositiveIntegerField()
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="+", db_index=False,
                                    db_constraint=False)
    function = models.ForeignKey(Function, on_delete=models.PROTECT, related_name="+", db_index=False,
                                 db_constraint=False)
    dranst = models.PositiveSmallIntegerField(choices=Dranst.choices)
    art = models.ForeignKey(Art, on_delete=models.PROTECT, related_name="+", db_index=False,
                            db_constraint=False)
    amount = MoneyField()
    postings = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["cost_centre", "period"], name="ledgermonth_cc_period"),
                   models.Index(fields=["period"], name="ledgermonth_period")]

    def __str__(self) -> str:
        return f"{self.period} {self.cost_centre_id}: {self.amount} kr."


class LedgerCentreMonth(models.Model):
    """Postings summed per month and cost centre, operations/capital and service apart: what the
    overview of a whole municipality reads (a few hundred thousand rows at Copenhagen's size).
    Its foreign key has no database constraint: see Posting."""

    period = models.PositiveIntegerField()
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="+", db_index=False,
                                    db_constraint=False)
    capital = models.BooleanField()
    service = models.BooleanField()
    amount = MoneyField()

    class Meta:
        indexes = [models.Index(fields=["period", "cost_centre"], name="ledgercentre_period_cc")]

    def __str__(self) -> str:
        return f"{self.period} {self.cost_centre_id}: {self.amount} kr."


MONTH_COLUMNS = [f"m{m:02d}" for m in range(1, 13)]


class LedgerCentreYear(models.Model):
    """LedgerCentreMonth with a year's twelve months side by side (``m01`` … ``m12``): what the
    overview of a unit or a whole municipality reads, one row per cost centre and part instead of
    twelve (about 10.000 rows a year at 4.500 cost centres). Derived from LedgerCentreMonth by
    ``rollups.rebuild_centre_years`` in the import's transaction, never written otherwise.
    Its foreign key has no database constraint: see Posting."""

    year = models.PositiveSmallIntegerField()
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="+", db_index=False,
                                    db_constraint=False)
    capital = models.BooleanField()
    service = models.BooleanField()
    m01 = MoneyField()
    m02 = MoneyField()
    m03 = MoneyField()
    m04 = MoneyField()
    m05 = MoneyField()
    m06 = MoneyField()
    m07 = MoneyField()
    m08 = MoneyField()
    m09 = MoneyField()
    m10 = MoneyField()
    m11 = MoneyField()
    m12 = MoneyField()

    class Meta:
        indexes = [models.Index(fields=["year", "cost_centre"], name="ledgercentreyear_year_cc")]

    def __str__(self) -> str:
        return f"{self.year} {self.cost_centre_id}"


TO_DATE_COLUMNS = [f"b{m:02d}" for m in range(1, 13)]


class BudgetCentreYear(models.Model):
    """A cost centre's budget for the year per part (operations or capital, service or not): OB, KB
    and the budget to date of every month (``b07`` is January–July, periodised as the overview does).
    What the overview of a unit or a whole municipality reads instead of the budget lines; derived
    from them by ``rollups.rebuild_budget_year`` and used only while ``BudgetRollupStamp`` says it
    was made from the data as it is (see rollups.py). Never edited: rebuilt."""

    year = models.PositiveSmallIntegerField()
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.PROTECT, related_name="+", db_index=False,
                                    db_constraint=False)
    capital = models.BooleanField()
    service = models.BooleanField()
    ob = MoneyField()
    kb = MoneyField()
    b01 = MoneyField()
    b02 = MoneyField()
    b03 = MoneyField()
    b04 = MoneyField()
    b05 = MoneyField()
    b06 = MoneyField()
    b07 = MoneyField()
    b08 = MoneyField()
    b09 = MoneyField()
    b10 = MoneyField()
    b11 = MoneyField()
    b12 = MoneyField()
    # The cost centre's budget follows last year's actuals somewhere, and there were none, so it is
    # spread evenly (the overview's note). Marked on one of its rows only, so that a sum counts cost centres.
    fallback = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["year", "cost_centre"], name="budgetcentreyear_year_cc")]

    def __str__(self) -> str:
        return f"{self.year} {self.cost_centre_id}: {self.kb} kr."


class BudgetRollupStamp(models.Model):
    """Which data a year's BudgetCentreYear rows were made from (``rollups.budget_fingerprint``)."""

    year = models.PositiveSmallIntegerField(unique=True)
    fingerprint = models.CharField(max_length=500)

    def __str__(self) -> str:
        return f"{self.year}: {self.fingerprint}"


class SuspensePosting(models.Model):
    """A posting parked because its cost centre is unknown, for finance staff to resolve."""

    ledger_import = models.ForeignKey(LedgerImport, on_delete=models.CASCADE, related_name="suspense")
    line = models.PositiveIntegerField("linje")
    period = models.PositiveIntegerField("periode")
    date = models.DateField("dato")
    cost_centre_code = models.CharField("omkostningssted", max_length=40)
    function_code = models.CharField("funktion", max_length=8)
    dranst = models.PositiveSmallIntegerField("dranst")
    art_code = models.CharField("art", max_length=4)
    amount = MoneyField("beløb")
    text = models.CharField("tekst", max_length=200, blank=True)
    voucher = models.CharField("bilagsnr.", max_length=40, blank=True)

    class Meta:
        verbose_name = "parkeret postering"
        verbose_name_plural = "parkerede posteringer"
        ordering = ["ledger_import", "line"]

    def __str__(self) -> str:
        return f"linje {self.line}: {self.cost_centre_code} {self.amount} kr."
