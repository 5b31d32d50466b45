using WorkflowCore.Interface;

namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>
/// Relief's benchmarked route written for WorkflowCore: file, approval at district, city and province (each a wait for
/// the case's own decision event), reserve, wait for the notice to close, wait for the payment, pay.
/// </summary>
public sealed class AidCaseWorkflow : IWorkflow<AidCaseData>
{
    public string Id => "aid-case";

    public int Version => 1;

    public void Build(IWorkflowBuilder<AidCaseData> builder) => builder
        .StartWith<FileCase>()
        .WaitFor(RouteEvents.DistrictDecision, data => data.CaseKey, data => data.FiledAt)
            .Output(data => data.LastEvent, step => step.EventData)
        .Then<RecordDecision>().Input(step => step.Level, data => RouteStage.District)
        .WaitFor(RouteEvents.CityDecision, data => data.CaseKey, data => data.FiledAt)
            .Output(data => data.LastEvent, step => step.EventData)
        .Then<RecordDecision>().Input(step => step.Level, data => RouteStage.City)
        .WaitFor(RouteEvents.ProvinceDecision, data => data.CaseKey, data => data.FiledAt)
            .Output(data => data.LastEvent, step => step.EventData)
        .Then<RecordDecision>().Input(step => step.Level, data => RouteStage.Province)
        .Then<ReserveMoney>()
        .WaitFor(RouteEvents.NoticeClosed, data => data.CaseKey, data => data.FiledAt)
        .Then<BecomePayable>()
        .WaitFor(RouteEvents.Payment, data => data.CaseKey, data => data.FiledAt)
        .Then<PayCase>();
}
