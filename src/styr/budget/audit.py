"""What of budgets goes into the audit trail. Postings are the ERP's data and are audited per
import (LedgerImport: who, when, which file and periods), not per row."""

from auditlog.registry import auditlog

from .models import Art, Budget, BudgetChange, BudgetChangeLine, BudgetLine, Function, LedgerImport, MainFunction

auditlog.register(Function)
auditlog.register(MainFunction)
auditlog.register(Art)
auditlog.register(Budget)
auditlog.register(BudgetLine)
auditlog.register(BudgetChange)
auditlog.register(BudgetChangeLine)
auditlog.register(LedgerImport)
