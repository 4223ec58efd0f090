"""The editorial workflow of every unit: contributors submit, editors (or the site administrator) approve.

Wagtail's own default workflow asked its "Moderators" group, which 0002 removed;
it is renamed and given one task for our roles.
"""

from django.db import migrations

WORKFLOW_NAME = "Duyệt tin bài"
TASK_NAME = "Biên tập viên duyệt"
APPROVERS = ["Biên tập viên", "Quản trị viên"]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": content_type, "active": True}
    )
    task.groups.set(Group.objects.filter(name__in=APPROVERS))

    root = Page.objects.get(depth=1)
    link = WorkflowPage.objects.filter(page=root).first()
    if link is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowPage.objects.create(page=root, workflow=workflow)
    else:
        workflow = link.workflow
        workflow.name = WORKFLOW_NAME
        workflow.active = True
        workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).delete()
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [("portal_membership", "0002_roles")]
    operations = [migrations.RunPython(create_workflow, remove_workflow)]
