import asyncio

from rstream import AMQPMessage, Producer


async def send():
    async with Producer("localhost", username="guest", password="guest") as producer:
        # The stream exists already; the same retention, should it not.
        await producer.create_stream(
            "events", arguments={"max-length-bytes": 1_000_000_000}, exists_ok=True
        )
        for number in range(6, 9):
            await producer.send_wait(
                "events", AMQPMessage(body=f"event {number}".encode())
            )
        print("Sent 3 events")
        #> Sent 3 events


asyncio.run(send())
