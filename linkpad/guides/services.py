"""Sending a person their link plan: by email (Django's email, with the PDF attached) or by text message
(the LINKPAD_SMS_BACKEND). Each goes only to the contact details recorded for the person."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from linkpad.core.sms import SmsError, send_sms

from .documents import link_plan_pdf
from .selectors import LinkPlan

NO_EMAIL = "There is no email address for {name}. Add one to their details first."
NO_PHONE = "There is no mobile number for {name}. Add one to their details first."
EMAIL_SUBJECT = "Your plan from {clp}, your community links practitioner"


class PlanNotSent(ValueError):
    """The plan could not be sent: the message says why and what to do."""


def link_plan_send(*, plan: LinkPlan, how: str) -> str:
    """Send the plan by "email" or "text" to the person; returns where it went."""
    if how == "email":
        return _email(plan)
    if how == "text":
        return _text(plan)
    raise PlanNotSent("Choose email or text message")


def _email(plan: LinkPlan) -> str:
    address = plan.episode.person.email
    if not address:
        raise PlanNotSent(NO_EMAIL.format(name=plan.given_name))
    message = EmailMessage(
        subject=EMAIL_SUBJECT.format(clp=plan.clp),
        body=render_to_string("guides/email/link_plan.txt", {"plan": plan}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=[plan.clp_email] if plan.clp_email else None,
    )
    message.attach("your-plan.pdf", link_plan_pdf(plan), "application/pdf")
    message.send()
    return address


def _text(plan: LinkPlan) -> str:
    phone = plan.episode.person.phone
    if not phone:
        raise PlanNotSent(NO_PHONE.format(name=plan.given_name))
    body = render_to_string("guides/email/link_plan_sms.txt", {"plan": plan}).strip()
    try:
        return send_sms(to=phone, body=body).to
    except SmsError as error:
        raise PlanNotSent(f"{error} The number we have for {plan.given_name} is {phone}.") from error
