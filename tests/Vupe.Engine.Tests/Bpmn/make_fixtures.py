#!/usr/bin/env python3
"""Writes the small BPMN fixtures the engine tests use (one file per scenario).
Kept as a script so the whole set stays consistent; the generated .bpmn files are committed."""
import os

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="defs" targetNamespace="http://vupecases.pe/test">
'''
TAIL = '</bpmn:definitions>\n'
here = os.path.dirname(os.path.abspath(__file__))

def write(name, body):
    with open(os.path.join(here, name), 'w') as f:
        f.write(HEAD + body + TAIL)

def flow(i, s, t, cond=None):
    if cond is None:
        return f'    <bpmn:sequenceFlow id="{i}" sourceRef="{s}" targetRef="{t}" />\n'
    return (f'    <bpmn:sequenceFlow id="{i}" sourceRef="{s}" targetRef="{t}">\n'
            f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{cond}</bpmn:conditionExpression>\n'
            f'    </bpmn:sequenceFlow>\n')

def proc(pid, body, extra=''):
    return extra + f'  <bpmn:process id="{pid}" isExecutable="true">\n' + body + '  </bpmn:process>\n'

write('Gateway.ExclusiveDefault.bpmn', proc('xor',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'gw') +
    '    <bpmn:exclusiveGateway id="gw" default="toLow" />\n' +
    flow('toHigh', 'gw', 'high', '= amount &gt; 100') + flow('toLow', 'gw', 'low') +
    '    <bpmn:userTask id="high" />\n    <bpmn:userTask id="low" />\n' +
    flow('f2', 'high', 'end') + flow('f3', 'low', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Gateway.ExclusiveNoMatch.bpmn', proc('xorNoMatch',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'gw') +
    '    <bpmn:exclusiveGateway id="gw" />\n' +
    flow('toA', 'gw', 'a', 'amount &gt; 100') + flow('toB', 'gw', 'b', 'amount &lt; 0') +
    '    <bpmn:userTask id="a" />\n    <bpmn:userTask id="b" />\n'))

write('Gateway.ParallelLoop.bpmn', proc('parLoop',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'merge') +
    '    <bpmn:exclusiveGateway id="merge" />\n' + flow('f2', 'merge', 'fork') +
    '    <bpmn:parallelGateway id="fork" />\n' + flow('f3', 'fork', 'a') + flow('f4', 'fork', 'b') +
    '    <bpmn:serviceTask id="a" vupe:type="record" />\n    <bpmn:userTask id="b" />\n' +
    flow('f5', 'a', 'join') + flow('f6', 'b', 'join') +
    '    <bpmn:parallelGateway id="join" />\n' + flow('f7', 'join', 'check') +
    '    <bpmn:userTask id="check" />\n' + flow('f8', 'check', 'again') +
    '    <bpmn:exclusiveGateway id="again" default="done" />\n' +
    flow('loop', 'again', 'merge', 'repeat = true') + flow('done', 'again', 'end') +
    '    <bpmn:endEvent id="end" />\n'))

write('Gateway.InclusiveJoin.bpmn', proc('orJoin',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'split') +
    '    <bpmn:inclusiveGateway id="split" default="toC" />\n' +
    flow('toA', 'split', 'a', 'x &gt; 1') + flow('toB', 'split', 'b', 'y &gt; 1') + flow('toC', 'split', 'c') +
    '    <bpmn:userTask id="a" />\n    <bpmn:userTask id="b" />\n    <bpmn:serviceTask id="c" vupe:type="record" />\n' +
    '    <bpmn:userTask id="bPrime" />\n' + flow('fb', 'b', 'bPrime') +
    flow('fa', 'a', 'join') + flow('fb2', 'bPrime', 'join') + flow('fc', 'c', 'join') +
    '    <bpmn:inclusiveGateway id="join" />\n' + flow('f9', 'join', 'after') +
    '    <bpmn:userTask id="after" />\n' + flow('f10', 'after', 'end') + '    <bpmn:endEvent id="end" />\n'))

MSG = lambda mid, name, key=None: f'  <bpmn:message id="{mid}" name="{name}"' + (f' vupe:correlationKey="{key}"' if key else '') + ' />\n'

write('Gateway.EventBased.bpmn', proc('evGw',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'gw') +
    '    <bpmn:eventBasedGateway id="gw" />\n' + flow('f2', 'gw', 'approved') + flow('f3', 'gw', 'expired') +
    '    <bpmn:intermediateCatchEvent id="approved"><bpmn:messageEventDefinition messageRef="mApproved" /></bpmn:intermediateCatchEvent>\n' +
    '    <bpmn:intermediateCatchEvent id="expired"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n' +
    flow('f4', 'approved', 'deliver') + flow('f5', 'expired', 'lapsed') +
    '    <bpmn:userTask id="deliver" />\n    <bpmn:endEvent id="lapsed" />\n' + flow('f6', 'deliver', 'end') + '    <bpmn:endEvent id="end" />\n',
    MSG('mApproved', 'approved', '=caseRef')))

write('Timer.BoundaryInterrupting.bpmn', proc('slaEscalation',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" vupe:candidateGroups="LIM-consultor" />\n' +
    '    <bpmn:boundaryEvent id="sla" attachedToRef="attend"><bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n' +
    flow('f2', 'attend', 'end') + flow('f3', 'sla', 'escalate') +
    '    <bpmn:userTask id="escalate" vupe:candidateGroups="LIM-supervisor" />\n' + flow('f4', 'escalate', 'end2') +
    '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="end2" />\n'))

write('Timer.BoundaryNonInterrupting.bpmn', proc('reminders',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" />\n' +
    '    <bpmn:boundaryEvent id="remind" attachedToRef="attend" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n' +
    flow('f2', 'attend', 'end') + flow('f3', 'remind', 'notify') +
    '    <bpmn:serviceTask id="notify" vupe:type="record" />\n' + flow('f4', 'notify', 'end2') +
    '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="end2" />\n'))

write('Timer.Intermediate.bpmn', proc('waitThenWork',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'wait') +
    '    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>= waitFor</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n' +
    flow('f2', 'wait', 'work') + '    <bpmn:serviceTask id="work" vupe:type="record" />\n' + flow('f3', 'work', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Timer.Start.bpmn', proc('nightly',
    '    <bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>\n' +
    flow('f1', 'tick', 'work') + '    <bpmn:serviceTask id="work" vupe:type="record" />\n' + flow('f2', 'work', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Message.ReceiveTask.bpmn', proc('awaitDocs',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'receive') +
    '    <bpmn:receiveTask id="receive" messageRef="mDocs" />\n' + flow('f2', 'receive', 'end') + '    <bpmn:endEvent id="end" />\n',
    MSG('mDocs', 'documentsReceived', '=caseRef')))

write('Message.Boundary.bpmn', proc('cancellable',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" />\n' +
    '    <bpmn:boundaryEvent id="withdrawn" attachedToRef="attend"><bpmn:messageEventDefinition messageRef="mWithdraw" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'attend', 'end') + flow('f3', 'withdrawn', 'closed') + '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="closed" />\n',
    MSG('mWithdraw', 'withdrawn', '=caseRef')))

write('Message.Start.bpmn', proc('citizenRequest',
    '    <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="mRequest" /></bpmn:startEvent>\n' + flow('f1', 'start', 'triage') +
    '    <bpmn:userTask id="triage" />\n' + flow('f2', 'triage', 'end') + '    <bpmn:endEvent id="end" />\n',
    MSG('mRequest', 'requestFiled')))

write('Message.Throw.bpmn', proc('notifier',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'send') +
    '    <bpmn:intermediateThrowEvent id="send"><bpmn:extensionElements><vupe:input source="=&quot;ok&quot;" target="verdict" /></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="mDocs" /></bpmn:intermediateThrowEvent>\n' +
    flow('f2', 'send', 'end') + '    <bpmn:endEvent id="end" />\n',
    MSG('mDocs', 'documentsReceived', '=caseRef')))

write('Signal.CatchAndThrow.bpmn',
    '  <bpmn:signal id="sClosed" name="officeClosed" />\n' +
    proc('waiter',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'closed') +
    '    <bpmn:intermediateCatchEvent id="closed"><bpmn:signalEventDefinition signalRef="sClosed" /></bpmn:intermediateCatchEvent>\n' +
    flow('f2', 'closed', 'end') + '    <bpmn:endEvent id="end" />\n') +
    proc('closer',
    '    <bpmn:startEvent id="start2" />\n' + flow('g1', 'start2', 'throw') +
    '    <bpmn:intermediateThrowEvent id="throw"><bpmn:signalEventDefinition signalRef="sClosed" /></bpmn:intermediateThrowEvent>\n' +
    flow('g2', 'throw', 'end2') + '    <bpmn:endEvent id="end2" />\n'))

ERR = '  <bpmn:error id="eInvalid" errorCode="DOC_INVALID" />\n'
write('Error.SubProcessBoundary.bpmn', proc('checkDocs',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n      <bpmn:startEvent id="subStart" />\n' +
    '      <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="validate" />\n' +
    '      <bpmn:serviceTask id="validate" vupe:type="validate" />\n' +
    '      <bpmn:sequenceFlow id="s2" sourceRef="validate" targetRef="subGw" />\n' +
    '      <bpmn:exclusiveGateway id="subGw" default="s4" />\n' +
    '      <bpmn:sequenceFlow id="s3" sourceRef="subGw" targetRef="invalidEnd"><bpmn:conditionExpression>valid = false</bpmn:conditionExpression></bpmn:sequenceFlow>\n' +
    '      <bpmn:sequenceFlow id="s4" sourceRef="subGw" targetRef="subEnd" />\n' +
    '      <bpmn:endEvent id="invalidEnd"><bpmn:errorEventDefinition errorRef="eInvalid" /></bpmn:endEvent>\n' +
    '      <bpmn:endEvent id="subEnd" />\n    </bpmn:subProcess>\n' +
    '    <bpmn:boundaryEvent id="onInvalid" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="eInvalid" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'sub', 'accepted') + flow('f3', 'onInvalid', 'fix') +
    '    <bpmn:userTask id="accepted" />\n    <bpmn:userTask id="fix" />\n', ERR))

write('Error.EventSubProcess.bpmn', proc('guarded',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:serviceTask id="call" vupe:type="validate" />\n' + flow('f2', 'call', 'next') +
    '    <bpmn:userTask id="next" />\n' + flow('f3', 'next', 'end') + '    <bpmn:endEvent id="end" />\n' +
    '    <bpmn:subProcess id="onError" triggeredByEvent="true">\n' +
    '      <bpmn:startEvent id="errStart"><bpmn:errorEventDefinition /></bpmn:startEvent>\n' +
    '      <bpmn:sequenceFlow id="e1" sourceRef="errStart" targetRef="review" />\n' +
    '      <bpmn:userTask id="review" />\n' +
    '      <bpmn:sequenceFlow id="e2" sourceRef="review" targetRef="errEnd" />\n' +
    '      <bpmn:endEvent id="errEnd" />\n    </bpmn:subProcess>\n'))

write('Error.Unhandled.bpmn', proc('unguarded',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:serviceTask id="call" vupe:type="validate" />\n' + flow('f2', 'call', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('EventSubProcess.Messages.bpmn', proc('withNotes',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" />\n' + flow('f2', 'attend', 'end') + '    <bpmn:endEvent id="end" />\n' +
    '    <bpmn:subProcess id="cancelSub" triggeredByEvent="true">\n' +
    '      <bpmn:startEvent id="cancelStart"><bpmn:messageEventDefinition messageRef="mCancel" /></bpmn:startEvent>\n' +
    '      <bpmn:sequenceFlow id="c1" sourceRef="cancelStart" targetRef="cancelEnd" />\n      <bpmn:endEvent id="cancelEnd" />\n    </bpmn:subProcess>\n' +
    '    <bpmn:subProcess id="noteSub" triggeredByEvent="true">\n' +
    '      <bpmn:startEvent id="noteStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="mNote" /></bpmn:startEvent>\n' +
    '      <bpmn:sequenceFlow id="n1" sourceRef="noteStart" targetRef="logNote" />\n' +
    '      <bpmn:serviceTask id="logNote" vupe:type="record" />\n' +
    '      <bpmn:sequenceFlow id="n2" sourceRef="logNote" targetRef="noteEnd" />\n      <bpmn:endEvent id="noteEnd" />\n    </bpmn:subProcess>\n',
    MSG('mCancel', 'cancelCase', '=caseRef') + MSG('mNote', 'caseNote', '=caseRef')))

write('SubProcess.Mappings.bpmn', proc('subMap',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n' +
    '      <bpmn:extensionElements><vupe:input source="=income * 12" target="yearly" /><vupe:output source="=yearly &gt; 20000" target="aboveThreshold" /></bpmn:extensionElements>\n' +
    '      <bpmn:startEvent id="subStart" />\n' +
    '      <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />\n      <bpmn:userTask id="inner" />\n' +
    '      <bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="subEnd" />\n      <bpmn:endEvent id="subEnd" />\n    </bpmn:subProcess>\n' +
    flow('f2', 'sub', 'after') + '    <bpmn:userTask id="after" />\n' + flow('f3', 'after', 'end') + '    <bpmn:endEvent id="end" />\n'))

def child(version_note):
    return proc('child',
    '    <bpmn:startEvent id="cStart" />\n' + flow('c1', 'cStart', 'cTask') +
    f'    <bpmn:userTask id="cTask" name="{version_note}" />\n' + flow('c2', 'cTask', 'cEnd') + '    <bpmn:endEvent id="cEnd" />\n')
write('CallActivity.Child.v1.bpmn', child('child version 1'))
write('CallActivity.Child.v2.bpmn', child('child version 2'))
write('CallActivity.Parent.bpmn', proc('parent',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:callActivity id="call" calledElement="child">\n' +
    '      <bpmn:extensionElements><vupe:input source="=applicant.name" target="name" /><vupe:output source="=result" target="childResult" /></bpmn:extensionElements>\n' +
    '    </bpmn:callActivity>\n' + flow('f2', 'call', 'after') + '    <bpmn:userTask id="after" />\n' + flow('f3', 'after', 'end') + '    <bpmn:endEvent id="end" />\n'))
write('CallActivity.ParentPinned.bpmn', proc('parentPinned',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:callActivity id="call" calledElement="child" vupe:calledElementBinding="version" vupe:calledElementVersion="1" />\n' +
    flow('f2', 'call', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('MultiInstance.Parallel.bpmn', proc('miPar',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'review') +
    '    <bpmn:userTask id="review" vupe:assignee="=reviewer">\n' +
    '      <bpmn:multiInstanceLoopCharacteristics vupe:collection="=reviewers" vupe:elementVariable="reviewer" vupe:outputCollection="votes" vupe:outputElement="=vote">\n' +
    '        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>\n' +
    '      </bpmn:multiInstanceLoopCharacteristics>\n    </bpmn:userTask>\n' +
    flow('f2', 'review', 'after') + '    <bpmn:userTask id="after" />\n' + flow('f3', 'after', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('MultiInstance.Sequential.bpmn', proc('miSeq',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'refer') +
    '    <bpmn:serviceTask id="refer" vupe:type="refer">\n' +
    '      <bpmn:multiInstanceLoopCharacteristics isSequential="true" vupe:collection="=services" vupe:elementVariable="service" vupe:outputCollection="referrals" vupe:outputElement="=referral" />\n' +
    '    </bpmn:serviceTask>\n' + flow('f2', 'refer', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Terminate.bpmn', proc('terminating',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'fork') +
    '    <bpmn:parallelGateway id="fork" />\n' + flow('f2', 'fork', 'a') + flow('f3', 'fork', 'b') +
    '    <bpmn:userTask id="a" />\n    <bpmn:userTask id="b" />\n' + flow('f4', 'a', 'end') + flow('f5', 'b', 'kill') +
    '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>\n'))

write('ServiceTask.Retry.bpmn', proc('flakyCall',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:serviceTask id="call" vupe:type="flaky" vupe:retries="3" vupe:retryBackoff="PT10S">\n' +
    '      <bpmn:extensionElements><vupe:header key="system" value="RENIEC" /><vupe:output source="=answer" target="reniecAnswer" /></bpmn:extensionElements>\n' +
    '    </bpmn:serviceTask>\n' + flow('f2', 'call', 'done') + '    <bpmn:userTask id="done" />\n'))

write('Async.Continuation.bpmn', proc('asyncWork',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'work') +
    '    <bpmn:serviceTask id="work" vupe:type="record" vupe:async="true" />\n' + flow('f2', 'work', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('BusinessRule.Task.bpmn', proc('decide',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'rule') +
    '    <bpmn:businessRuleTask id="rule" vupe:decisionRef="triage" vupe:resultVariable="recommendation" />\n' +
    flow('f2', 'rule', 'gw') + '    <bpmn:exclusiveGateway id="gw" default="other" />\n' +
    flow('toCul', 'gw', 'cul', 'recommendation = "CUL"') + flow('other', 'gw', 'end') +
    '    <bpmn:userTask id="cul" />\n    <bpmn:endEvent id="end" />\n'))

write('Mappings.Condition.bpmn', proc('badCondition',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'gw') +
    '    <bpmn:exclusiveGateway id="gw" default="toLow" />\n' +
    flow('toHigh', 'gw', 'high', 'amount &gt; 100') + flow('toLow', 'gw', 'low') +
    '    <bpmn:userTask id="high" />\n    <bpmn:userTask id="low" />\n'))


write('Signal.Start.bpmn', '  <bpmn:signal id="sAlert" name="campaignOpened" />\n' + proc('campaign',
    '    <bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="sAlert" /></bpmn:startEvent>\n' + flow('f1', 'start', 'work') +
    '    <bpmn:serviceTask id="work" vupe:type="record" />\n' + flow('f2', 'work', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Message.BoundaryNonInterrupting.bpmn', proc('notes',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" />\n' +
    '    <bpmn:boundaryEvent id="note" attachedToRef="attend" cancelActivity="false"><bpmn:messageEventDefinition messageRef="mNote" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'attend', 'end') + flow('f3', 'note', 'log') + '    <bpmn:serviceTask id="log" vupe:type="record" />\n' + flow('f4', 'log', 'end2') +
    '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="end2" />\n',
    MSG('mNote', 'note', '=caseNumber')))

write('CallActivity.ChildError.bpmn', ERR + proc('failingChild',
    '    <bpmn:startEvent id="cs" />\n' + flow('c1', 'cs', 'ce') +
    '    <bpmn:endEvent id="ce"><bpmn:errorEventDefinition errorRef="eInvalid" /></bpmn:endEvent>\n') +
    proc('catchingParent',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:callActivity id="call" calledElement="failingChild" />\n' +
    '    <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="eInvalid" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'call', 'end') + flow('f3', 'caught', 'handle') + '    <bpmn:userTask id="handle" />\n    <bpmn:endEvent id="end" />\n'))

write('Timer.Date.bpmn', proc('appointment',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'wait') +
    '    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-05T14:30:00-05:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n' +
    flow('f2', 'wait', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('EventSubProcess.Timer.bpmn', proc('slaProcess',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'attend') +
    '    <bpmn:userTask id="attend" />\n' + flow('f2', 'attend', 'end') + '    <bpmn:endEvent id="end" />\n' +
    '    <bpmn:subProcess id="late" triggeredByEvent="true">\n' +
    '      <bpmn:startEvent id="lateStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>\n' +
    '      <bpmn:sequenceFlow id="l1" sourceRef="lateStart" targetRef="escalate" />\n      <bpmn:userTask id="escalate" />\n' +
    '      <bpmn:sequenceFlow id="l2" sourceRef="escalate" targetRef="lateEnd" />\n      <bpmn:endEvent id="lateEnd" />\n    </bpmn:subProcess>\n'))

write('MultiInstance.CallActivity.bpmn', proc('miCall',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'refer') +
    '    <bpmn:callActivity id="refer" calledElement="child">\n' +
    '      <bpmn:extensionElements><vupe:input source="=service" target="name" /><vupe:output source="=result" target="outcome" /></bpmn:extensionElements>\n' +
    '      <bpmn:multiInstanceLoopCharacteristics vupe:collection="=services" vupe:elementVariable="service" vupe:outputCollection="outcomes" vupe:outputElement="=outcome" />\n' +
    '    </bpmn:callActivity>\n' + flow('f2', 'refer', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('CallActivity.WithDeadline.bpmn', proc('parentWithDeadline',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'call') +
    '    <bpmn:callActivity id="call" calledElement="child" />\n' +
    '    <bpmn:boundaryEvent id="deadline" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n' +
    flow('f2', 'call', 'end') + flow('f3', 'deadline', 'late') + '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="late" />\n'))

write('ServiceTask.ChildCases.bpmn', proc('openChildren',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'open') +
    '    <bpmn:serviceTask id="open" vupe:type="openChildren" />\n' + flow('f2', 'open', 'done') + '    <bpmn:userTask id="done" />\n'))

write('ChildCase.Referral.bpmn', proc('referral',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'deliver') +
    '    <bpmn:userTask id="deliver" vupe:candidateGroups="=officeCode + &quot;-&quot; + service" />\n' + flow('f2', 'deliver', 'end') +
    '    <bpmn:endEvent id="end" />\n'))

# Cancellation must remove what the same command created (a task, its boundary timer, an incident). A fork
# starts its second and later flows first (FlowRunner.LeaveAsync), so the branch that cancels is listed first.
TIMER_P1D = '<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>'
WORK_WITH_DEADLINE = lambda ind, end: (f'{ind}<bpmn:userTask id="work" />\n' +
    f'{ind}<bpmn:boundaryEvent id="workLate" attachedToRef="work">{TIMER_P1D}</bpmn:boundaryEvent>\n' +
    flow('w1', 'work', end) + flow('w2', 'workLate', end))
write('Cancel.TerminateSameCommand.bpmn', proc('terminateNow',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'fork') +
    '    <bpmn:parallelGateway id="fork" />\n' + flow('f2', 'fork', 'kill') + flow('f3', 'fork', 'work') +
    WORK_WITH_DEADLINE('    ', 'end') + '    <bpmn:endEvent id="end" />\n' +
    '    <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>\n'))

write('Cancel.ErrorSameCommand.bpmn', '  <bpmn:error id="eStop" errorCode="STOP" />\n' + proc('errorNow',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n' +
    '      <bpmn:startEvent id="subStart" />\n' + flow('s1', 'subStart', 'fork') +
    '      <bpmn:parallelGateway id="fork" />\n' + flow('s2', 'fork', 'stop') + flow('s3', 'fork', 'work') + flow('s4', 'fork', 'broken') +
    WORK_WITH_DEADLINE('      ', 'subEnd') +
    '      <bpmn:userTask id="broken"><bpmn:extensionElements><vupe:input source="=missing.value + 1" target="x" /></bpmn:extensionElements></bpmn:userTask>\n' +
    flow('s5', 'broken', 'subEnd') +
    '      <bpmn:endEvent id="subEnd" />\n' +
    '      <bpmn:endEvent id="stop"><bpmn:errorEventDefinition errorRef="eStop" /></bpmn:endEvent>\n' +
    '    </bpmn:subProcess>\n' +
    '    <bpmn:boundaryEvent id="onStop" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="eStop" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'sub', 'end') + flow('f3', 'onStop', 'handle') +
    '    <bpmn:userTask id="handle" />\n    <bpmn:endEvent id="end" />\n'))

write('Cancel.EventSubProcessSameCommand.bpmn', '  <bpmn:signal id="sHalt" name="halt" />\n' + proc('haltNow',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'fork') +
    '    <bpmn:parallelGateway id="fork" />\n' + flow('f2', 'fork', 'halt') + flow('f3', 'fork', 'work') +
    WORK_WITH_DEADLINE('    ', 'end') +
    '    <bpmn:intermediateThrowEvent id="halt"><bpmn:signalEventDefinition signalRef="sHalt" /></bpmn:intermediateThrowEvent>\n' +
    flow('f6', 'halt', 'end') + '    <bpmn:endEvent id="end" />\n' +
    '    <bpmn:subProcess id="halted" triggeredByEvent="true">\n' +
    '      <bpmn:startEvent id="haltStart"><bpmn:signalEventDefinition signalRef="sHalt" /></bpmn:startEvent>\n' +
    flow('h1', 'haltStart', 'closeCase') + '      <bpmn:userTask id="closeCase" />\n' +
    flow('h2', 'closeCase', 'haltEnd') + '      <bpmn:endEvent id="haltEnd" />\n    </bpmn:subProcess>\n'))

write('Cancel.BoundarySameCommand.bpmn', '  <bpmn:signal id="sWithdraw" name="withdraw" />\n' + proc('boundaryNow',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n' +
    '      <bpmn:startEvent id="subStart" />\n' + flow('s1', 'subStart', 'fork') +
    '      <bpmn:parallelGateway id="fork" />\n' + flow('s2', 'fork', 'withdraw') + flow('s3', 'fork', 'work') +
    WORK_WITH_DEADLINE('      ', 'subEnd') +
    '      <bpmn:intermediateThrowEvent id="withdraw"><bpmn:signalEventDefinition signalRef="sWithdraw" /></bpmn:intermediateThrowEvent>\n' +
    flow('s5', 'withdraw', 'subEnd') + '      <bpmn:endEvent id="subEnd" />\n' +
    '    </bpmn:subProcess>\n' +
    '    <bpmn:boundaryEvent id="withdrawn" attachedToRef="sub"><bpmn:signalEventDefinition signalRef="sWithdraw" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'sub', 'end') + flow('f3', 'withdrawn', 'archive') +
    '    <bpmn:userTask id="archive" />\n    <bpmn:endEvent id="end" />\n'))

# An error end event completes before its error propagates (BPMN 2.0.2, 13.5.6), also inside an event sub-process.
write('Error.EndInEventSubProcess.bpmn', '  <bpmn:error id="eEsc" errorCode="ESCALATE" />\n  <bpmn:message id="mProblem" name="problem" />\n' + proc('espThrows',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n' +
    '      <bpmn:startEvent id="subStart" />\n' + flow('s1', 'subStart', 'work') +
    '      <bpmn:userTask id="work" />\n' + flow('s2', 'work', 'subEnd') + '      <bpmn:endEvent id="subEnd" />\n' +
    '      <bpmn:subProcess id="onProblem" triggeredByEvent="true">\n' +
    '        <bpmn:startEvent id="problemStart"><bpmn:messageEventDefinition messageRef="mProblem" /></bpmn:startEvent>\n' +
    flow('p1', 'problemStart', 'raise') +
    '        <bpmn:endEvent id="raise"><bpmn:errorEventDefinition errorRef="eEsc" /></bpmn:endEvent>\n' +
    '      </bpmn:subProcess>\n' +
    '    </bpmn:subProcess>\n' +
    '    <bpmn:boundaryEvent id="escalated" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="eEsc" /></bpmn:boundaryEvent>\n' +
    flow('f2', 'sub', 'end') + flow('f3', 'escalated', 'supervise') +
    '    <bpmn:userTask id="supervise" />\n    <bpmn:endEvent id="end" />\n'))

write('Error.EndUncaught.bpmn', '  <bpmn:error id="eLost" errorCode="LOST" />\n' + proc('nobodyCatches',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'fail') +
    '    <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="eLost" /></bpmn:endEvent>\n'))

write('ServiceTask.Validate.bpmn', proc('validated',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'check') +
    '    <bpmn:serviceTask id="check" vupe:type="validate" />\n' + flow('f2', 'check', 'done') + '    <bpmn:userTask id="done" />\n'))

# A decision evaluated after a wait state, and a user task with a form: a case keeps the versions it started with.
write('BusinessRule.AfterTask.bpmn', proc('decideLater',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'intake') +
    '    <bpmn:userTask id="intake" vupe:formKey="intake" />\n' + flow('f2', 'intake', 'rule') +
    '    <bpmn:businessRuleTask id="rule" vupe:decisionRef="triage" vupe:resultVariable="recommendation" />\n' + flow('f3', 'rule', 'gw') +
    '    <bpmn:exclusiveGateway id="gw" default="other" />\n' + flow('toCul', 'gw', 'cul', 'recommendation = "CUL"') + flow('other', 'gw', 'end') +
    '    <bpmn:userTask id="cul" />\n    <bpmn:endEvent id="end" />\n'))

# Migration: version 1 and 2 of one procedure. A token in a sub-process at a user task with a boundary timer, one at
# a message catch, one at a timer catch, all joining; version 2 renames the task and adds a step after the join.
def tramite(version):
    task = 'revisar' if version == 1 else 'revisarDocs'
    after = ('    <bpmn:userTask id="notificar" name="Notificar" />\n' + flow('n1', 'join', 'notificar') + flow('n2', 'notificar', 'cerrar')) if version == 2 else flow('n1', 'join', 'cerrar')
    return MSG('mRespuesta', 'respuesta', '=caseRef') + proc('tramite',
        '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'fork') +
        '    <bpmn:parallelGateway id="fork" />\n' + flow('fa', 'fork', 'sub') + flow('fb', 'fork', 'respuesta') + flow('fc', 'fork', 'espera') +
        '    <bpmn:subProcess id="sub">\n      <bpmn:startEvent id="subStart" />\n' + flow('s1', 'subStart', task) +
        f'      <bpmn:userTask id="{task}" name="Revisar v{version}" vupe:dueDate="P5D" />\n' +
        f'      <bpmn:boundaryEvent id="vence" attachedToRef="{task}" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n' +
        flow('s2', task, 'subEnd') + flow('s3', 'vence', 'avisado') + '      <bpmn:endEvent id="subEnd" />\n      <bpmn:endEvent id="avisado" />\n    </bpmn:subProcess>\n' +
        '    <bpmn:intermediateCatchEvent id="respuesta"><bpmn:messageEventDefinition messageRef="mRespuesta" /></bpmn:intermediateCatchEvent>\n' +
        '    <bpmn:intermediateCatchEvent id="espera"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n' +
        flow('ja', 'sub', 'join') + flow('jb', 'respuesta', 'join') + flow('jc', 'espera', 'join') +
        '    <bpmn:parallelGateway id="join" />\n' + after +
        '    <bpmn:userTask id="cerrar" name="Cerrar" />\n' + flow('e1', 'cerrar', 'end') + '    <bpmn:endEvent id="end" />\n')

write('Migrate.V1.bpmn', tramite(1))
write('Migrate.V2.bpmn', tramite(2))

# Pins: the decision at a given version, the form at the version deployed with the process.
def pinned(pid, version):
    return proc(pid,
        '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'intake') +
        '    <bpmn:userTask id="intake" vupe:formKey="intake" vupe:formBinding="deployment" />\n' + flow('f2', 'intake', 'rule') +
        f'    <bpmn:businessRuleTask id="rule" vupe:decisionRef="triage" vupe:resultVariable="recommendation" vupe:decisionBinding="version" vupe:decisionVersion="{version}" />\n' + flow('f3', 'rule', 'gw') +
        '    <bpmn:exclusiveGateway id="gw" default="other" />\n' + flow('toCul', 'gw', 'cul', 'recommendation = "CUL"') + flow('other', 'gw', 'end') +
        '    <bpmn:userTask id="cul" />\n    <bpmn:endEvent id="end" />\n')

write('BusinessRule.Pinned.bpmn', pinned('decidePinned', 1))
write('BusinessRule.PinnedMissing.bpmn', pinned('decidePinnedMissing', 7))

# Script tasks: the script is a FEEL expression, its value kept in vupe:resultVariable.
def script(i, expr, result, extra='', loop=''):
    return (f'    <bpmn:scriptTask id="{i}" scriptFormat="feel" vupe:resultVariable="{result}"{extra}>\n'
            f'{loop}      <bpmn:script>{expr}</bpmn:script>\n    </bpmn:scriptTask>\n')

def standard_loop(condition=None, maximum=None, test_before=False):
    attrs = (f' loopMaximum="{maximum}"' if maximum is not None else '') + (' testBefore="true"' if test_before else '')
    body = f'<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">{condition}</bpmn:loopCondition>' if condition else ''
    return f'      <bpmn:standardLoopCharacteristics{attrs}>{body}</bpmn:standardLoopCharacteristics>\n'

write('Script.Task.bpmn', proc('scripted',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'calc') +
    script('calc', '= {total: amount * 2, label: "S/ " + string(amount)}', 'quote') + flow('f2', 'calc', 'review') +
    '    <bpmn:userTask id="review" />\n' + flow('f3', 'review', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Script.Failing.bpmn', proc('scriptFails',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'calc') +
    script('calc', 'amount * 2', 'doubled') + flow('f2', 'calc', 'end') + '    <bpmn:endEvent id="end" />\n'))

# Standard loops: tested after each run (at least one run), or before each run (maybe none).
write('Loop.TestAfter.bpmn', proc('loopAfter',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'add') +
    script('add', '= total + loopCounter', 'total', loop=standard_loop('= total &lt; limit', maximum=5)) + flow('f2', 'add', 'end') +
    '    <bpmn:endEvent id="end" />\n'))

write('Loop.TestBefore.bpmn', proc('loopBefore',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'add') +
    script('add', '= total + 3', 'total', loop=standard_loop('= total &lt; limit', maximum=10, test_before=True)) + flow('f2', 'add', 'review') +
    '    <bpmn:userTask id="review" />\n' + flow('f3', 'review', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Loop.UserTask.bpmn', proc('loopReview',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'review') +
    '    <bpmn:userTask id="review">\n' + standard_loop('= not(approved)') + '    </bpmn:userTask>\n' +
    flow('f2', 'review', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Loop.SubProcess.bpmn', proc('loopSub',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'round') +
    '    <bpmn:subProcess id="round">\n' + standard_loop('= count(log) &lt; 2') + '      <bpmn:startEvent id="roundStart" />\n' + flow('r1', 'roundStart', 'note') +
    script('note', '= append(log, loopCounter)', 'log').replace('    <', '      <') + flow('r2', 'note', 'check') +
    '      <bpmn:userTask id="check" />\n' + flow('r3', 'check', 'roundEnd') + '      <bpmn:endEvent id="roundEnd" />\n    </bpmn:subProcess>\n' +
    flow('f2', 'round', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Loop.Boundary.bpmn', proc('loopDeadline',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'review') +
    '    <bpmn:userTask id="review">\n' + standard_loop('= not(approved)') + '    </bpmn:userTask>\n' +
    '    <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n' +
    flow('f2', 'review', 'end') + flow('f3', 'late', 'escalate') + '    <bpmn:userTask id="escalate" />\n' + flow('f4', 'escalate', 'lateEnd') +
    '    <bpmn:endEvent id="end" />\n    <bpmn:endEvent id="lateEnd" />\n'))

# Link events: a throw jumps to the catch of the same name in its scope.
def link(kind, i, name):
    return f'    <bpmn:intermediate{kind}Event id="{i}"><bpmn:linkEventDefinition name="{name}" /></bpmn:intermediate{kind}Event>\n'

write('Link.Jump.bpmn', proc('linked',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'calc') +
    script('calc', '= amount + 1', 'amount') + flow('f2', 'calc', 'goReview') + link('Throw', 'goReview', 'review') +
    link('Catch', 'atReview', 'review') + flow('f3', 'atReview', 'review') +
    '    <bpmn:userTask id="review" />\n' + flow('f4', 'review', 'end') + '    <bpmn:endEvent id="end" />\n'))

write('Link.InSubProcess.bpmn', proc('linkedSub',
    '    <bpmn:startEvent id="start" />\n' + flow('f1', 'start', 'sub') +
    '    <bpmn:subProcess id="sub">\n      <bpmn:startEvent id="subStart" />\n' + flow('s1', 'subStart', 'jump') +
    link('Throw', 'jump', 'next').replace('    <', '      <', 1) + link('Catch', 'land', 'next').replace('    <', '      <', 1) +
    flow('s2', 'land', 'inner') + '      <bpmn:userTask id="inner" />\n' + flow('s3', 'inner', 'subEnd') +
    '      <bpmn:endEvent id="subEnd" />\n    </bpmn:subProcess>\n' +
    link('Catch', 'outerLand', 'next') + flow('o1', 'outerLand', 'wrong') + '    <bpmn:userTask id="wrong" />\n' +
    flow('f2', 'sub', 'end') + '    <bpmn:endEvent id="end" />\n'))

print('ok')
