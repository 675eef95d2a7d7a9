"""Open Referral HSDS 3.0 and Open Referral UK: validate, import, export, and the ALISS converter.

Everything that knows the shape of an HSDS document lives here, so the rest of Linkpad deals only in
the directory's models.
"""
