import factory
from allauth.account.models import EmailAddress

from accounts.models import StaffRole, TrainingBase, User

PASSWORD = "correct-horse-battery-staple"


class TrainingBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingBase

    name = factory.Sequence(lambda n: f"测试培训基地 {n}")
    name_en = factory.Sequence(lambda n: f"Test Training Base {n}")
    district = "渝中区"
    district_en = "Yuzhong District"
    address = "渝中区测试路 1 号"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"测试用户 {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    role = StaffRole.Role.INSTRUCTOR
    base = factory.SubFactory(TrainingBaseFactory)
