# Generates tool-cases.jsonl: hand-made calls run through tau-bench's own tools (commit 59a200c) on a fresh database.
# Each line: {"case", "calls": [{"name", "arguments"}], "results": [what tau-bench's Env.step returns],
# "records": {"table/key": json.dumps(record) after the calls, or null when absent}}.
import json, sys
from ref import load, step
J=json.dumps
C=[]
def case(name, calls, records=()):
    C.append((name, calls, records))
def c(tool, **kw): return (tool, J(kw))
def raw(tool, text): return (tool, text)

mia='mia_li_3668'; mei='mei_hernandez_8984'
mia_flights=[{"flight_number":"HAT136","date":"2024-05-20"},{"flight_number":"HAT039","date":"2024-05-20"}]
mia_pass=[{"first_name":"Mia","last_name":"Li","dob":"1990-04-05"}]
def book(**over):
    kw=dict(user_id=mia, origin="JFK", destination="SEA", flight_type="one_way", cabin="economy", flights=mia_flights,
            passengers=mia_pass, payment_methods=[{"payment_id":"certificate_7504069","amount":250},{"payment_id":"credit_card_4421486","amount":5}],
            total_baggages=3, nonfree_baggages=0, insurance="no")
    kw.update(over); return ('book_reservation', J(kw))

# reads
case('get_user_details found', [c('get_user_details', user_id=mia)])
case('get_user_details absent', [c('get_user_details', user_id='nobody_1'), c('get_user_details', user_id=5), c('get_user_details', user_id=None)])
case('get_user_details unhashable id', [c('get_user_details', user_id=[mia]), c('get_user_details', user_id={"a":1})])
case('get_user_details bad binding', [raw('get_user_details','{}'), raw('get_user_details','{"user_id":"x","extra":1,"more":2}'),
     raw('get_user_details','{"data":1}'), raw('get_user_details','[1]'), raw('get_user_details','null'), raw('get_user_details','"x"')])
case('get_reservation_details', [c('get_reservation_details', reservation_id='4WQ150'), c('get_reservation_details', reservation_id='ZZZZZZ'),
     c('get_reservation_details', reservation_id=['4WQ150'])])
case('list_all_airports', [raw('list_all_airports','{}'), raw('list_all_airports','{"city":"x"}')])
case('think and transfer', [c('think', thought='hmm'), c('transfer_to_human_agents', summary='help'), raw('think','{}')])
case('unknown tool', [c('cancel_flight', reservation_id='4WQ150')])
exprs=["2+2","(375-299)*2","1/3","100*0.9","2.675","0.1+0.2","1/0","1.0/0","1//0","1.0//0","7//2","-7//2","-3.5//2","2**-1","0**-1",
       "(-8)**0.5","10.0**400","2**2000","2**2000/2**1999","123456789*1000000000","-0.0","--1","","  ","1+","(1","1)","1 2","01","007","00",
       "1..2","()","(1)(2)","...","(1 2)","(1 2","2 (3 4)","(*1)","1 2)","(01","())","()+1","1+()","()*1.0","-()","...+1","1 ...","5 .",
       "1.5.5","1e5","abc","1,000","3 * (4 + 5) / 2"]
case('calculate', [c('calculate', expression=e) for e in exprs] + [c('calculate', expression=5), c('calculate', expression=["12","3"]),
     c('calculate', expression=[1]), c('calculate', expression=None), c('calculate', expression=2.5)])
case('search_direct_flight', [c('search_direct_flight', origin='JFK', destination='SEA', date='2024-05-20'),
     c('search_direct_flight', origin='JFK', destination='SEA', date='2024-05-01'),
     c('search_direct_flight', origin='JFK', destination='XXX', date='2024-05-20'),
     c('search_direct_flight', origin='JFK', destination='SEA', date=['2024-05-20']),
     c('search_direct_flight', origin=1, destination='SEA', date=['2024-05-20'])])
case('search_onestop_flight', [c('search_onestop_flight', origin='JFK', destination='SEA', date='2024-05-20'),
     c('search_onestop_flight', origin='LGA', destination='SFO', date='2024-05-20'),
     c('search_onestop_flight', origin='LGA', destination='SFO', date='2024-05-ab'),
     c('search_onestop_flight', origin='LGA', destination='SFO', date=20),
     c('search_onestop_flight', origin='LGA', destination='SFO', date=['2024-05-20']),
     c('search_onestop_flight', origin='JFK', destination='SEA', date='2024-06-01')])
case('send_certificate x4', [c('send_certificate', user_id=mia, amount=100), c('send_certificate', user_id=mia, amount=50.5),
     c('send_certificate', user_id=mia, amount="7"), c('send_certificate', user_id=mia, amount=1), c('send_certificate', user_id='nobody', amount=1)],
     ['users/'+mia])
case('cancel twice', [c('cancel_reservation', reservation_id='NO6JO3'), c('cancel_reservation', reservation_id='NO6JO3'),
     c('cancel_reservation', reservation_id='nope')], ['reservations/NO6JO3', 'users/'+mia])
case('update passengers', [c('update_reservation_passengers', reservation_id='HKEG34', passengers=[{"first_name":"A","last_name":"B","dob":"2000-01-01"}]),
     c('update_reservation_passengers', reservation_id='HKEG34', passengers=[]),
     c('update_reservation_passengers', reservation_id='HKEG34', passengers="x"),
     c('update_reservation_passengers', reservation_id='HKEG34', passengers=5),
     c('update_reservation_passengers', reservation_id='nope', passengers=[])], ['reservations/HKEG34'])
case('update baggages', [c('update_reservation_baggages', reservation_id='R9QDGB', total_baggages=3, nonfree_baggages=2, payment_id='credit_card_2140654'),
     c('update_reservation_baggages', reservation_id='07S7FC', total_baggages=2, nonfree_baggages=1, payment_id='gift_card_5309492'),
     c('update_reservation_baggages', reservation_id='79G8A9', total_baggages=9, nonfree_baggages=5, payment_id='gift_card_5309492'),
     c('update_reservation_baggages', reservation_id='79G8A9', total_baggages=1, nonfree_baggages=1, payment_id='certificate_7502997'),
     c('update_reservation_baggages', reservation_id='79G8A9', total_baggages=1, nonfree_baggages=1, payment_id='credit_card_0000000'),
     c('update_reservation_baggages', reservation_id='nope', total_baggages=1, nonfree_baggages=1, payment_id='credit_card_2140654'),
     c('update_reservation_baggages', reservation_id='79G8A9', total_baggages=1, nonfree_baggages="1", payment_id='credit_card_2140654'),
     c('update_reservation_baggages', reservation_id='1AKIA8', total_baggages=0, nonfree_baggages=0, payment_id='credit_card_2140654'),
     c('update_reservation_baggages', reservation_id='1AKIA8', total_baggages=0, nonfree_baggages=1.5, payment_id='credit_card_2140654')],
     ['reservations/R9QDGB','reservations/07S7FC','reservations/79G8A9','reservations/1AKIA8','users/'+mei])
r9=BASE_R9=None
case('update flights', [
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT070","date":"2024-05-22"},{"flight_number":"HAT297","date":"2024-05-23"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='business', flights=[{"flight_number":"HAT070","date":"2024-05-22"},{"flight_number":"HAT297","date":"2024-05-23"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT999","date":"2024-05-22"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT001","date":"2024-06-22"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT001","date":"2024-05-01"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='business', flights=[{"flight_number":"HAT002","date":"2024-05-25"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='business', flights=[{"flight_number":"HAT002","date":"2024-05-20"}], payment_id='gift_card_5309492'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT002","date":"2024-05-20"}], payment_id='certificate_7502997'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT002","date":"2024-05-20"}], payment_id='paypal_1'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT002"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='first', flights=[{"flight_number":"HAT002","date":"2024-05-20"}], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[{"flight_number":"HAT002","date":"2024-05-20"}], payment_id='gift_card_5309492'),
     c('update_reservation_flights', reservation_id='nope', cabin='economy', flights=[], payment_id='credit_card_2140654'),
     c('update_reservation_flights', reservation_id='1AKIA8', cabin='economy', flights=[], payment_id='credit_card_2140654')],
     ['reservations/1AKIA8','users/'+mei])
case('book ok then three more', [book(), book(payment_methods=[{"payment_id":"credit_card_4421486","amount":255}]),
     book(payment_methods=[{"payment_id":"credit_card_4421486","amount":255}]), book(payment_methods=[{"payment_id":"credit_card_4421486","amount":285}], insurance="yes")],
     ['users/'+mia, 'reservations/HATHAT', 'reservations/HATHAU', 'reservations/HATHAV', 'reservations/HATHAW'])
case('book errors', [book(user_id='nobody'), book(flights=[{"flight_number":"HAT999","date":"2024-05-20"}]),
     book(flights=[{"flight_number":"HAT136","date":"2024-06-20"}]), book(flights=[{"flight_number":"HAT001","date":"2024-05-01"}]),
     book(cabin='business', flights=[{"flight_number":"HAT002","date":"2024-05-25"}]),
     book(payment_methods=[{"payment_id":"gift_card_1","amount":255}]),
     book(payment_methods=[{"payment_id":"certificate_4856383","amount":255}]),
     book(payment_methods=[{"payment_id":"credit_card_4421486","amount":254}]),
     book(nonfree_baggages="1"), book(nonfree_baggages=None), book(cabin='first'),
     book(flights=[{"flight_number":"HAT136"}]), book(payment_methods=[{"payment_id":"credit_card_4421486"}]),
     book(passengers=5), book(flights="HAT136"), book(payment_methods=[{"payment_id":"credit_card_4421486","amount":"255"}])],
     ['users/'+mia, 'reservations/HATHAT'])
case('book same certificate twice', [book(payment_methods=[{"payment_id":"certificate_7504069","amount":125},{"payment_id":"certificate_7504069","amount":125},{"payment_id":"credit_card_4421486","amount":5}])],
     ['users/'+mia, 'reservations/HATHAT'])
case('book float amounts', [book(payment_methods=[{"payment_id":"credit_card_4421486","amount":254.5},{"payment_id":"credit_card_1955700","amount":0.5}]),
     book(payment_methods=[{"payment_id":"credit_card_4421486","amount":255.0}], nonfree_baggages=0.0)], ['users/'+mia, 'reservations/HATHAT', 'reservations/HATHAU'])

out=open(sys.argv[1],'w')
for name, calls, records in C:
    data=load(); results=[]
    for tool, text in calls:
        kw=json.loads(text)
        if isinstance(kw, dict):
            results.append(step(data, tool, kw))
        else:
            try: results.append(step(data, tool, kw))
            except TypeError as e: results.append(f"Error: {e}")
    recs={}
    for r in records:
        t,k=r.split('/')
        recs[r]=json.dumps(data[t][k]) if k in data[t] else None
    out.write(json.dumps({"case":name,"calls":[{"name":t,"arguments":a} for t,a in calls],"results":results,"records":recs})+"\n")
